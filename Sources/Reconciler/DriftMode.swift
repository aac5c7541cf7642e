/// What Mooring does when the live state of an object drifts from what it applied.
public enum DriftMode: String, Sendable, CaseIterable, Codable {
    /// Re-apply the desired state, taking field ownership back, and raise `drift_healed`.
    case heal
    /// Leave the cluster alone and raise `drift` whenever the drift changes.
    case alert
}

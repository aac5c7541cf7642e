/// What to do when the live cluster differs from git.
public enum DriftPolicy: String, Hashable, Sendable, Codable, CaseIterable {
    /// Apply git's state again.
    case heal
    /// Report the drift, leave the cluster as it is.
    case alert
}

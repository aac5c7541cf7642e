/// How a ModelDeployment is served.
public enum ServingTarget: String, Hashable, Sendable, Codable, CaseIterable {
    /// One KServe InferenceService (`serving.kserve.io/v1beta1`).
    case kserve
    /// A Deployment per served version and one Service selecting them.
    case deployment
}

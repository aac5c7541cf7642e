/// The names of Mooring's own kinds.
enum MooringKind {
    static let group = "mooring.dev"
    static let apiVersion = "mooring.dev/v1"
    static let modelDeployment = "ModelDeployment"
    static let modelVersion = "ModelVersion"
}

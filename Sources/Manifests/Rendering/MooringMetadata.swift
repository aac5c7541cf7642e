/// The labels and annotations Mooring writes on the objects it manages.
public enum MooringMetadata {
    /// `app.kubernetes.io/managed-by`, set to `mooring` on every object Mooring renders or applies.
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "mooring"
    /// The ModelDeployment an object serves.
    public static let modelLabel = "mooring.dev/model"
    /// The model version an object serves (for an InferenceService with a canary: the canary's).
    public static let versionLabel = "mooring.dev/version"
    /// The file, relative to the deploy folder, an object was read or rendered from.
    public static let sourceFileAnnotation = "mooring.dev/source-file"
    /// The commit that last changed an object; stamped by the Sync stage, never by Manifests.
    public static let sourceCommitAnnotation = "mooring.dev/source-commit"
    /// On an InferenceService with a canary: the stable version KServe keeps for the rest of the traffic.
    public static let stableVersionAnnotation = "mooring.dev/stable-version"
    /// On an InferenceService with a canary: the canary version.
    public static let canaryVersionAnnotation = "mooring.dev/canary-version"
    /// `stable` or `canary`, on the Deployments and pods of `target: deployment`.
    public static let trackLabel = "mooring.dev/track"
    /// The Kubernetes recommended name label, used by `target: deployment` to select pods.
    static let appNameLabel = "app.kubernetes.io/name"

    /// Keys under `mooring.dev/` are Mooring's: manifests may not set them.
    static let reservedPrefix = "mooring.dev/"
}

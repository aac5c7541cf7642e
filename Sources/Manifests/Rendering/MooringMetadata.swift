/// Labels and annotations Mooring writes on rendered model objects, beyond the ones every managed
/// object carries (`ObjectLabels` in MooringCore).
public enum MooringMetadata {
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

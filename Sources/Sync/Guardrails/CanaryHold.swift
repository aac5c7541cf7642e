/// A canary its analysis aborted: out of traffic, and held there — not reported as drift, not healed back — until
/// the ModelDeployment changes in git (its ``ModelSummary/guardrailFingerprint`` differs).
public struct CanaryHold: Hashable, Sendable {
    public var namespace: String
    public var model: String
    /// The canary version taken out of traffic.
    public var version: String
    /// The ModelDeployment as it was when the canary was aborted.
    public var fingerprint: String

    public init(namespace: String, model: String, version: String, fingerprint: String) {
        self.namespace = namespace
        self.model = model
        self.version = version
        self.fingerprint = fingerprint
    }

    /// `namespace/model/version/fingerprint`: one line of the analysis ConfigMap's `holds`.
    var line: String { "\(namespace)/\(model)/\(version)/\(fingerprint)" }

    init?(line: Substring) {
        let parts = line.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, !parts.contains(where: \.isEmpty) else { return nil }
        self.init(
            namespace: String(parts[0]),
            model: String(parts[1]),
            version: String(parts[2]),
            fingerprint: String(parts[3])
        )
    }
}

import MooringCore

/// The `source` section: where the desired state lives and how to reach it.
public struct SourceSettings: Sendable, Equatable {
    /// How commits are checked before they are applied.
    public enum VerifyMode: String, Sendable, CaseIterable {
        case off
        /// The tip commit must carry a trusted signature.
        case head
        /// Every commit since the last verified one must.
        case strict
    }

    public var url: String
    public var branch: String
    /// The folder inside the repository (single-target configurations).
    public var path: String
    public var pollInterval: Duration
    /// The longest one git operation may take.
    public var timeout: Duration
    public var sshKeyFile: String?
    public var knownHostsFile: String?
    public var tokenFile: String?
    public var verifyMode: VerifyMode
    public var allowedSignersFile: String?
    public var gpgKeyringFile: String?
    /// Bounds on what one commit's folder may hold (`source.limits`).
    public var limits: SourceLimits

    public init(
        url: String,
        branch: String = "main",
        path: String = "deploy-manifests",
        pollInterval: Duration = .seconds(15),
        timeout: Duration = .seconds(60),
        sshKeyFile: String? = nil,
        knownHostsFile: String? = nil,
        tokenFile: String? = nil,
        verifyMode: VerifyMode = .off,
        allowedSignersFile: String? = nil,
        gpgKeyringFile: String? = nil,
        limits: SourceLimits = SourceLimits()
    ) {
        self.url = url
        self.branch = branch
        self.path = path
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.sshKeyFile = sshKeyFile
        self.knownHostsFile = knownHostsFile
        self.tokenFile = tokenFile
        self.verifyMode = verifyMode
        self.allowedSignersFile = allowedSignersFile
        self.gpgKeyringFile = gpgKeyringFile
        self.limits = limits
    }
}

extension SourceSettings {
    static let keys: Set<String> = [
        "url", "branch", "path", "pollInterval", "timeout", "sshKeyFile", "knownHostsFile", "tokenFile", "verify",
        "limits",
    ]

    init?(reading reader: inout ConfigurationReader) {
        let base: FieldPath = "source"
        guard reader.object(base, allowed: Self.keys) != nil else {
            reader.report(base, "is required (at least source.url)")
            return nil
        }
        let url = reader.requiredString(base.appending("url"))
        let defaults = SourceSettings(url: "")
        var settings = SourceSettings(
            url: url.map { reader.resolveLocalURL($0) } ?? "",
            branch: reader.requiredStringIfPresent(base.appending("branch")) ?? defaults.branch,
            path: reader.string(base.appending("path")) ?? defaults.path,
            pollInterval: reader.duration(base.appending("pollInterval")) ?? defaults.pollInterval,
            timeout: reader.duration(base.appending("timeout")) ?? defaults.timeout,
            sshKeyFile: reader.readableFile(base.appending("sshKeyFile")),
            knownHostsFile: reader.readableFile(base.appending("knownHostsFile")),
            tokenFile: reader.readableFile(base.appending("tokenFile")),
            limits: SourceLimits(reading: &reader)
        )
        let verify = base.appending("verify")
        if reader.object(verify, allowed: ["mode", "allowedSignersFile", "gpgKeyringFile"]) != nil {
            settings.verifyMode = reader.choice(verify.appending("mode"), as: VerifyMode.self) ?? .off
            settings.allowedSignersFile = reader.readableFile(verify.appending("allowedSignersFile"))
            settings.gpgKeyringFile = reader.readableFile(verify.appending("gpgKeyringFile"))
            let hasKeys =
                reader.document.value[path: verify.appending("allowedSignersFile")] != nil
                || reader.document.value[path: verify.appending("gpgKeyringFile")] != nil
            if settings.verifyMode != .off, !hasKeys {
                reader.report(
                    verify.appending("mode"),
                    "\(settings.verifyMode.rawValue) needs verify.allowedSignersFile or verify.gpgKeyringFile"
                )
            }
        }
        guard url != nil else { return nil }
        self = settings
    }
}

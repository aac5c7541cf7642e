import MooringCore

/// How to reach one cluster through kubectl.
public struct ClusterSettings: Sendable, Equatable {
    /// `nil`: kubectl's own default (`KUBECONFIG`, `~/.kube/config` or in-cluster).
    public var kubeconfig: String?
    public var context: String?
    /// The kubectl binary: a path, or a name looked up on `PATH`.
    public var kubectl: String
    public var fieldManager: String
    /// The longest one kubectl call may take.
    public var timeout: Duration

    public init(
        kubeconfig: String? = nil,
        context: String? = nil,
        kubectl: String = "kubectl",
        fieldManager: String = "mooring",
        timeout: Duration = .seconds(120)
    ) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.kubectl = kubectl
        self.fieldManager = fieldManager
        self.timeout = timeout
    }
}

extension ClusterSettings {
    init(reading reader: inout ConfigurationReader, at base: FieldPath) {
        let defaults = ClusterSettings()
        _ = reader.object(base, allowed: ["kubeconfig", "context", "kubectl", "fieldManager", "timeout"])
        let kubectl = reader.requiredStringIfPresent(base.appending("kubectl"))
        self.init(
            kubeconfig: reader.readableFile(base.appending("kubeconfig")),
            context: reader.requiredStringIfPresent(base.appending("context")),
            kubectl: kubectl.map { $0.contains("/") ? reader.resolve($0) : $0 } ?? defaults.kubectl,
            fieldManager: reader.requiredStringIfPresent(base.appending("fieldManager")) ?? defaults.fieldManager,
            timeout: reader.duration(base.appending("timeout")) ?? defaults.timeout
        )
    }
}

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
    /// Whether `mooring run` keeps a live cache of the cluster by watches (through one `kubectl proxy`, or
    /// `kubectl get --raw` per kind where the proxy cannot read), so a poll
    /// with nothing new makes no kubectl call and drift is seen within seconds.
    public var watch: Bool
    /// How often the live cache lists every collection again in full, whatever its watches said.
    public var relistInterval: Duration

    public init(
        kubeconfig: String? = nil,
        context: String? = nil,
        kubectl: String = "kubectl",
        fieldManager: String = "mooring",
        timeout: Duration = .seconds(120),
        watch: Bool = true,
        relistInterval: Duration = .seconds(600)
    ) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.kubectl = kubectl
        self.fieldManager = fieldManager
        self.timeout = timeout
        self.watch = watch
        self.relistInterval = relistInterval
    }
}

extension ClusterSettings {
    init(reading reader: inout ConfigurationReader, at base: FieldPath) {
        let defaults = ClusterSettings()
        _ = reader.object(
            base,
            allowed: ["kubeconfig", "context", "kubectl", "fieldManager", "timeout", "watch", "relistInterval"]
        )
        let kubectl = reader.requiredStringIfPresent(base.appending("kubectl"))
        self.init(
            kubeconfig: reader.readableFile(base.appending("kubeconfig")),
            context: reader.requiredStringIfPresent(base.appending("context")),
            kubectl: kubectl.map { $0.contains("/") ? reader.resolve($0) : $0 } ?? defaults.kubectl,
            fieldManager: reader.requiredStringIfPresent(base.appending("fieldManager")) ?? defaults.fieldManager,
            timeout: reader.duration(base.appending("timeout")) ?? defaults.timeout,
            watch: reader.bool(base.appending("watch")) ?? defaults.watch,
            relistInterval: reader.duration(base.appending("relistInterval")) ?? defaults.relistInterval
        )
    }
}

/// How Mooring runs kubectl: which binary, against which cluster, with which limits.
///
/// Everything kubectl would otherwise pick up from the environment is passed explicitly: the
/// kubeconfig (`--kubeconfig`), the context (`--context`) and the discovery cache (`--cache-dir` and
/// `KUBECACHEDIR`), so two Mooring instances — or a test and its server — never share a cache.
public struct KubectlOptions: Sendable, Hashable {
    /// The kubectl binary.
    public var executable: String
    /// The kubeconfig file to use.
    public var kubeconfig: String
    /// The kubeconfig context; `nil` uses the kubeconfig's current context.
    public var context: String?
    /// kubectl's discovery and HTTP cache, under Mooring's state directory.
    public var cacheDirectory: String
    /// How long one kubectl call may run before it and every process it started are killed.
    public var timeout: Duration
    /// The field manager for server-side apply.
    public var fieldManager: String
    /// The most bytes read from kubectl's standard output; more kills the call.
    public var outputLimit: Int
    /// The most bytes read from kubectl's standard error; more kills the call.
    public var errorOutputLimit: Int

    public init(
        executable: String = "/usr/bin/kubectl",
        kubeconfig: String,
        context: String? = nil,
        cacheDirectory: String,
        timeout: Duration = .seconds(120),
        fieldManager: String = "mooring",
        outputLimit: Int = 256 << 20,
        errorOutputLimit: Int = 4 << 20
    ) {
        self.executable = executable
        self.kubeconfig = kubeconfig
        self.context = context
        self.cacheDirectory = cacheDirectory
        self.timeout = timeout
        self.fieldManager = fieldManager
        self.outputLimit = outputLimit
        self.errorOutputLimit = errorOutputLimit
    }

    /// The flags that come before every kubectl verb.
    var globalArguments: [String] {
        var arguments = ["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory]
        if let context { arguments += ["--context", context] }
        return arguments
    }
}

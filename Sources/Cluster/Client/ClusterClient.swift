// Folder Cluster: kubectl as Mooring's only way into a cluster.
// Folder Cluster/Client: the operations — get, apply, delete, discovery, readiness, Lease, versions.

public import Logging

/// Mooring's only way to the API server: each operation is one kubectl call through ``KubectlRunner``.
///
/// The client executes; it does not decide. What to apply, prune or wait for is the caller's business.
public struct ClusterClient: Sendable {
    public var runner: KubectlRunner

    public init(runner: KubectlRunner) {
        self.runner = runner
    }

    public init(options: KubectlOptions, logger: Logger = Logger(label: "mooring.cluster")) {
        self.init(runner: KubectlRunner(options: options, logger: logger))
    }

    var options: KubectlOptions { runner.options }
}

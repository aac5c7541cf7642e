public import Cluster
import Foundation
public import GitSource
public import Manifests
public import MooringCore
public import Reconciler

extension MooringConfiguration {
    /// The git source options: one bare mirror in the state directory for every target.
    public var gitSourceOptions: GitSourceOptions {
        GitSourceOptions(source: source, stateDirectory: stateDirectory)
    }

    /// How to run kubectl for `target`, with a discovery cache of its own under the state directory.
    public func kubectlOptions(for target: TargetSettings) -> KubectlOptions {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? "/root"
        return KubectlOptions(
            executable: Self.locate(
                target.cluster.kubectl,
                path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            ),
            kubeconfig: target.cluster.kubeconfig ?? environment["KUBECONFIG"] ?? "\(home)/.kube/config",
            context: target.cluster.context,
            cacheDirectory: "\(stateDirectory)/kube-cache/\(target.name)",
            timeout: target.cluster.timeout,
            fieldManager: target.cluster.fieldManager
        )
    }

    /// A program name looked up on `PATH`, or the path as given.
    public static func locate(_ program: String, path: String) -> String {
        guard !program.contains("/") else { return program }
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return program
    }
}

extension MooringConfiguration {
    /// The host guardrails the desired-state stage enforces for `target`, with the source's limits.
    public func validationPolicy(for target: TargetSettings) -> ValidationPolicy {
        target.policy.validationPolicy(limits: source.limits)
    }
}

extension PolicySettings {
    /// The host guardrails the desired-state stage enforces, within `limits`.
    public func validationPolicy(limits: SourceLimits) -> ValidationPolicy {
        var inputLimits = InputLimits()
        inputLimits.maxFileBytes = limits.maxFileBytes
        inputLimits.maxTotalBytes = limits.maxTotalBytes
        inputLimits.maxFiles = limits.maxFiles
        return ValidationPolicy(
            defaultNamespace: defaultNamespace,
            allowedNamespaces: allowedNamespaces.map(Set.init),
            allowedClusterKinds: allowedClusterKinds.map(Set.init),
            gateFloors: gateFloors,
            limits: inputLimits,
            requireCanaryAnalysis: requireCanaryAnalysis
        )
    }

    /// The reconciler's policy for a desired state (whose models may override drift handling).
    public func reconcilePolicy(overrides: [ObjectIdentity: DriftPolicy]) -> ReconcilePolicy {
        ReconcilePolicy(
            drift: drift,
            driftOverrides: overrides,
            prune: prune,
            pruneLimit: pruneLimit,
            allowPruneKinds: Set(allowPruneKinds)
        )
    }
}

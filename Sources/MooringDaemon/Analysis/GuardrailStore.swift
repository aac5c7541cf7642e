import Cluster
import Foundation
import Logging
import MooringCore
import Sync

/// Reads and writes one target's guardrail state in its cluster: the analysis ConfigMap (``AnalysisConfigMap``)
/// in `inventory.namespace`, written through kubectl server-side apply under Mooring's field manager and, with
/// leader election, only while this host holds the Lease.
struct GuardrailStore: Sendable {
    let configuration: MooringConfiguration
    let target: TargetSettings
    let logger: Logger

    /// Where the state is kept; `nil` without `inventory.namespace` (then it lives in this process only).
    var namespace: String? { configuration.inventory.namespace }

    /// The state kept in the cluster: empty when there is none yet or nowhere to keep it; throws when it cannot be
    /// read or understood (the caller retries before acting).
    func load() async throws(GuardrailStoreError) -> [String: ModelGuardrails] {
        guard let namespace else { return [:] }
        let reference = AnalysisConfigMap.reference(target: target.name, namespace: namespace)
        let object: JSONValue?
        do {
            object = try await client().get([reference], ignoreNotFound: true).first
        } catch {
            throw GuardrailStoreError(
                message: "ConfigMap \(namespace)/\(reference.name) cannot be read: \(error.message)"
            )
        }
        guard let object, let text = AnalysisConfigMap.state(in: object), !text.isEmpty else { return [:] }
        guard let state = [String: ModelGuardrails].decoded(text) else {
            throw GuardrailStoreError(
                message: "ConfigMap \(namespace)/\(reference.name) holds no state this version of Mooring can read"
            )
        }
        return state
    }

    /// Writes `state` (and the holds it implies) behind `fence`.
    func save(
        _ state: [String: ModelGuardrails],
        holds: [CanaryHold],
        fence: (any WriteFence)?
    ) async throws(GuardrailStoreError) {
        guard let namespace else { return }
        var options = configuration.kubectlOptions(for: target)
        if let fence {
            let left = fence.writeDeadline().map { $0 - .now } ?? .zero
            guard left > .zero else { throw GuardrailStoreError(message: fence.refusal) }
            options.timeout = min(options.timeout, left)
        }
        let object = AnalysisConfigMap.object(
            target: target.name,
            namespace: namespace,
            holds: holds,
            state: state.encoded()
        )
        let failure: String?
        do {
            let outcome = try await ClusterClient(options: options, logger: logger).apply([object], force: true)
            failure = outcome.results.first { !$0.applied }.map { $0.error?.message ?? "refused" }
        } catch {
            failure = error.message
        }
        if let failure {
            throw GuardrailStoreError(
                message: "ConfigMap \(namespace)/\(AnalysisConfigMap.name(of: target.name)) could not be written: "
                    + failure
            )
        }
    }

    private func client() -> ClusterClient {
        ClusterClient(options: configuration.kubectlOptions(for: target), logger: logger)
    }
}

/// The guardrail state could not be read or written.
struct GuardrailStoreError: Error, Sendable {
    var message: String
}

import Cluster
import MooringCore

/// The canary-hold stage of every mode: the desired state with the target's aborted canaries held out of traffic
/// (``CanaryHoldRule``), and the holds that apply to it — so a sync by the daemon, a new leader's or one run by hand
/// neither reports a held canary as drift nor heals it back.
struct CanaryHoldStage {
    /// `inventory.namespace`, where the cluster's analysis ConfigMap is kept; without it there are no holds.
    var namespace: String?
    /// Reads the analysis ConfigMap.
    var reader: LiveReader

    /// `desired` with its aborted canaries held, and the holds that apply to it. `nil` (and `sync_failed`) when the
    /// holds cannot be read: the sync stops rather than put an aborted canary back into traffic.
    func run(
        _ desired: DesiredSnapshot,
        run: inout TargetRun
    ) async -> (desired: DesiredSnapshot, holds: Set<CanaryHold>)? {
        let rule = desired.holdRule
        let holds: [CanaryHold]
        do {
            holds = try await abortedCanaries(of: run.target.name, for: rule)
        } catch {
            run.fail(error)
            run.raise(
                SyncEvent(
                    .syncFailed,
                    .error,
                    "\(error.message); nothing is applied until they can be, so no aborted canary serves again"
                )
            )
            return nil
        }
        var held = desired
        held.resources = rule.holding(holds)
        return (held, Set(rule.applying(holds)))
    }

    /// The aborted canaries of `target`, read from the cluster's analysis ConfigMap, for a desired state that may hold
    /// one (`rule`): without `inventory.namespace` there is nowhere to keep holds, and without a canary that an
    /// analysis judges nothing is read — there are none. Throws when they cannot be read.
    func abortedCanaries(of target: String, for rule: CanaryHoldRule) async throws(SyncError) -> [CanaryHold] {
        guard let namespace, rule.mayHoldCanaries else { return [] }
        let reference = AnalysisConfigMap.reference(target: target, namespace: namespace)
        let holds: [CanaryHold]?
        let problem: String
        do {
            if let configMap = try await reader.bookkeeping(reference.name, in: namespace) {
                holds = AnalysisConfigMap.holds(in: configMap)
            } else {
                holds = []
            }
            problem = "it lists a hold Mooring cannot read"
        } catch {
            holds = nil
            problem = error.message
        }
        guard let holds else {
            throw SyncError(
                code: .cluster,
                message: "the aborted canaries in ConfigMap \(namespace)/\(reference.name) cannot be read (\(problem))"
            )
        }
        return holds
    }
}

import Cluster
import MooringCore

extension SyncEngine {
    /// The desired state with the target's aborted canaries held out of traffic (``DesiredSnapshot/holding(_:)``),
    /// the holds read from the cluster's analysis ConfigMap — so a sync by the daemon, a new leader's or one run by
    /// hand neither reports a held canary as drift nor heals it back. `nil` (and `sync_failed`) when the holds cannot
    /// be read: the sync stops rather than put an aborted canary back into traffic. Without `inventory.namespace`
    /// there is nowhere to keep holds, and without a canary that an analysis judges nothing is read: the snapshot is
    /// returned as it is.
    func holdingAbortedCanaries(in desired: DesiredSnapshot, run: inout TargetRun) async -> DesiredSnapshot? {
        guard let namespace = configuration.inventory.namespace, desired.mayHoldCanaries else { return desired }
        let reference = AnalysisConfigMap.reference(target: run.target.name, namespace: namespace)
        let cluster = ClusterClient(options: configuration.kubectlOptions(for: run.target), logger: logger)
        let holds: [CanaryHold]?
        let problem: String
        do {
            if let configMap = try await cluster.get([reference], ignoreNotFound: true).first {
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
            run.raise(
                SyncEvent(
                    .syncFailed,
                    .error,
                    "the aborted canaries in ConfigMap \(namespace)/\(reference.name) cannot be read "
                        + "(\(problem)); nothing is applied until they can be, so no aborted canary serves again"
                )
            )
            return nil
        }
        return desired.holding(holds)
    }

    /// Appends a history line raised outside a sync (a canary aborted by its analysis).
    public func appendHistory(_ entry: HistoryEntry) throws(SyncError) {
        try journal.append(entry)
    }
}

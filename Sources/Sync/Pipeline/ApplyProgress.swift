import Cluster
import MooringCore

/// What the apply stage achieved.
struct ApplyProgress {
    /// Objects the server accepted.
    var applied: Set<ObjectIdentity> = []
    /// Objects refused because another field manager owns fields (reported as drift).
    var conflicts: [ObjectIdentity: ClusterError] = [:]
    /// Whether anything else failed: a refused object, an unreachable cluster, a CRD never Established.
    var failed = false

    /// Whether every apply succeeded (conflicts count as failures: nothing is pruned then).
    var succeeded: Bool { conflicts.isEmpty && !failed }

    /// Adds what one apply call did: each object applied, or refused — over a conflict with another field manager
    /// (a `drift` event: ownership is not taken) or for any other reason (a `sync_failed` event).
    mutating func add(_ outcome: ApplyOutcome, run: inout TargetRun) {
        for result in outcome.results {
            if result.applied {
                applied.insert(result.object)
            } else if let error = result.error, error.code == .conflict {
                conflicts[result.object] = error
                let owners = error.conflicts.map(\.description).joined(separator: "; ")
                run.raise(
                    SyncEvent(
                        .drift,
                        .warning,
                        "\(result.object) was changed in the cluster: \(owners); not taking ownership (drift: alert)",
                        details: .init(
                            object: result.object,
                            fields: error.conflicts.flatMap(\.fields),
                            managers: error.conflicts.map(\.manager)
                        )
                    )
                )
            } else if let error = result.error {
                failed = true
                run.raise(
                    SyncEvent(
                        .syncFailed,
                        .error,
                        "\(result.object) was refused: \(error.message)",
                        details: .init(object: result.object, code: error.code.description)
                    )
                )
            }
        }
    }
}

import Cluster
import MooringCore
import Reconciler

extension SyncEngine {
    /// The live-state and plan stages that a sync, a dry run and `mooring diff` share: the live objects of every kind
    /// the desired state, the inventory and the `owned` objects (listed by the cluster's inventory) have, and the plan
    /// from them, with the owned objects git no longer has as prune candidates.
    func livePlan(
        _ desired: [Resource],
        commit: String,
        inventory: [AppliedRecord],
        owned: Set<ObjectIdentity> = [],
        early: EarlyList? = nil,
        policy: ReconcilePolicy,
        atRest: (JSONValue) -> JSONValue,
        cluster: ClusterClient,
        cache: LiveCache? = nil
    ) async throws(ClusterError) -> (plan: Plan, live: [ObjectIdentity: JSONValue]) {
        let live = try await liveObjects(
            desired: desired,
            inventory: inventory,
            owned: owned,
            reader: LiveReader(cluster: cluster, cache: cache, logger: logger),
            early: early
        )
        var plan = Planner.plan(
            desired: desired,
            commit: commit,
            live: live,
            inventory: Dictionary(inventory.map { ($0.identity, $0) }, uniquingKeysWith: { _, last in last }),
            policy: policy,
            atRest: atRest
        )
        plan.pruneCandidates += Self.adoptedPruneCandidates(owned, desired: desired, live: live)
        return (plan, live)
    }

    /// The live objects carrying Mooring's label, of every kind the desired state or the inventory
    /// has. `early` is a list started before the desired state was known (see ``listEarly(_:reader:)``):
    /// only the kinds it did not cover are read now, so a sync whose commit adds no kind makes one kubectl
    /// call in all (none when the live cache has every kind in sync). Kinds the cluster does not serve yet (a CRD
    /// this sync creates) are left out after one discovery.
    private func liveObjects(
        desired: [Resource],
        inventory: [AppliedRecord],
        owned: Set<ObjectIdentity> = [],
        reader: LiveReader,
        early: EarlyList? = nil
    ) async throws(ClusterError) -> [ObjectIdentity: JSONValue] {
        var objects: [JSONValue] = []
        var kinds = Self.kinds(of: desired.map(\.identity) + inventory.map(\.identity) + owned)
        if let early, case .success(let listed) = early.objects {
            objects = listed
            kinds = kinds.filter { !early.kinds.contains($0) }
        }
        let wanted = Set(desired.map(\.identity))
        var settled: [ObjectIdentity: String] = [:]
        for record in inventory where wanted.contains(record.identity) {
            settled[record.identity] = record.verifiedResourceVersion
        }
        do {
            objects += try await reader.managedObjects(of: kinds, settled: settled)
        } catch  where error.code == .unknownKind {
            let catalog = try await reader.cluster.discover()
            kinds = kinds.filter { catalog.resource(for: $0) != nil }
            objects += try await reader.managedObjects(of: kinds, settled: settled)
        }
        var live: [ObjectIdentity: JSONValue] = [:]
        for object in objects { live[Resource(object: object).identity] = object }
        return live
    }

    /// A list of Mooring's objects taken while a new commit is read and rendered.
    struct EarlyList: Sendable {
        /// The kinds listed.
        let kinds: Set<GroupKind>
        /// The objects, or why the list failed (the sync then lists after rendering, as without it).
        let objects: Result<[JSONValue], ClusterError>
    }

    /// Reads Mooring's objects of the kinds in `inventory`: almost every commit keeps the kinds it had, so
    /// this is the live state the plan needs, read on one core while rendering runs on the other. With a live cache,
    /// only the kinds it does not have in sync are listed here (the rest are read from it after rendering, when the
    /// settled objects are known). `nil` when there is no inventory to take the kinds from (a first sync lists after
    /// rendering).
    nonisolated static func listEarly(_ inventory: [AppliedRecord], reader: LiveReader) async -> EarlyList? {
        guard !inventory.isEmpty else { return nil }
        let kinds = Self.kinds(of: inventory.map(\.identity))
        do throws(ClusterError) {
            let (listed, objects) = try await reader.earlyList(of: kinds)
            return EarlyList(kinds: Set(listed), objects: .success(objects))
        } catch {
            return EarlyList(kinds: Set(kinds), objects: .failure(error))
        }
    }

    private nonisolated static func kinds(of identities: [ObjectIdentity]) -> [GroupKind] {
        Array(Set(identities.map { GroupKind(group: $0.group, kind: $0.kind) })).sorted()
    }

    /// Dry-runs the desired state of objects whose live resourceVersion moved since Mooring applied
    /// them (one kubectl call, forcing ownership so the result is what a heal would produce) and
    /// compares the result with the live object; objects gone from the cluster drifted by deletion.
    func driftChecks(
        _ plan: Plan,
        cluster: ClusterClient,
        fieldManager: String,
        run: inout TargetRun
    ) async throws(ClusterError) -> [ObjectIdentity: Drift] {
        var drifts: [ObjectIdentity: Drift] = [:]
        for item in plan.items(.recreate) {
            drifts[item.identity] = Drift(identity: item.identity, kind: .deleted, fields: [], mode: item.mode)
        }
        let suspects = plan.items(.verify)
        guard !suspects.isEmpty else { return drifts }
        run.progress("checking \(suspects.count) object(s) changed in the cluster since the last sync")
        let outcome = try await cluster.apply(suspects.map(\.resource.object), force: true, dryRun: true)
        for (item, result) in zip(suspects, outcome.results) {
            guard let expected = result.serverObject else {
                run.raise(
                    SyncEvent(
                        .syncFailed,
                        .error,
                        "cannot check \(item.identity) for drift: \(result.error?.message ?? "dry-run refused")",
                        details: .init(object: item.identity)
                    )
                )
                continue
            }
            drifts[item.identity] = DriftDetector.detect(
                identity: item.identity,
                expected: expected,
                live: item.live,
                mode: item.mode,
                fieldManager: fieldManager
            )
        }
        return drifts
    }
}

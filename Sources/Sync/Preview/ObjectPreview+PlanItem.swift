import Cluster
import MooringCore
import Reconciler

extension ObjectPreview {
    /// Fields a preview leaves out: the object's identity (in the heading already) and the commit stamp.
    static let hidden: Set<FieldPath> = [
        "apiVersion", "kind", "metadata.name", "metadata.namespace",
        FieldPath([.key("metadata"), .key("annotations"), .key(ObjectLabels.sourceCommit)]),
    ]

    /// What `item` would change, as a dry-run (`expected`) says, with `note` (a problem the dry-run met), or for an
    /// object checked for drift, as the plan's drift check found it (`drift`); `nil` when nothing would.
    static func planned(
        _ item: PlanItem,
        expected result: ApplyResult?,
        note: String?,
        drift: Drift?
    ) -> ObjectPreview? {
        let file = item.resource.annotations[ObjectLabels.sourceFile]
        switch item.action {
        case .unchanged:
            return nil
        case .create:
            let shown = ObjectDiff.leaves(of: ObjectNormalizer.normalized(item.resource.object))
                .filter { !Self.hidden.contains($0.path) }
                .map { SecretRedaction.redact($0, kind: item.resource.kind) }
            return ObjectPreview(
                identity: item.identity,
                action: .create,
                changes: shown,
                note: note,
                sourceFile: file
            )
        case .update:
            let changes: [FieldChange]
            if let live = item.live, let server = result?.serverObject {
                changes = ObjectDiff.changes(
                    from: ObjectNormalizer.normalized(live),
                    to: ObjectNormalizer.normalized(server)
                )
                .filter { !Self.hidden.contains($0.path) }
                .map { SecretRedaction.redact($0, kind: item.resource.kind) }
            } else {
                changes = item.gitChanges ?? []
            }
            return ObjectPreview(
                identity: item.identity,
                action: .update,
                changes: changes,
                note: note,
                sourceFile: file
            )
        case .verify, .recreate:
            return drift.map { Self.drifted(item, drift: $0) }
        }
    }

    /// What a heal of `item` would change, or the drift an alert would report: `drift` (the object deleted from the
    /// cluster, or its live fields differing from what a forced dry-run expects).
    private static func drifted(_ item: PlanItem, drift: Drift) -> ObjectPreview {
        let changes = drift.fields.map { FieldChange(path: $0.path, before: $0.live, after: $0.desired) }
        let who = drift.managers.isEmpty ? nil : "changed in the cluster by \(drift.managers.joined(separator: ", "))"
        return ObjectPreview(
            identity: item.identity,
            action: item.mode == .heal ? .heal : .drift,
            changes: changes,
            note: drift.kind == .deleted ? "deleted from the cluster" : who,
            sourceFile: item.resource.annotations[ObjectLabels.sourceFile]
        )
    }

    /// The prunes a preview shows: what the guard would prune, and what it would keep, saying why.
    static func prunes(_ decision: PruneDecision) -> [ObjectPreview] {
        decision.prune.map { ObjectPreview(identity: $0.identity, action: .prune) }
            + decision.blocked.map {
                ObjectPreview(
                    identity: $0.resource.identity,
                    action: .keep,
                    note: "prune blocked: \($0.reason.explanation)"
                )
            }
    }
}

import Cluster
import Foundation
import GitSource
import Manifests
import MooringCore
import Reconciler

extension SyncEngine {
    /// What a sync would change, object by object, with field-level diffs, for the tip of the branch,
    /// another ref (a pull request) or a local folder. Changes nothing: server-side dry-runs only, and
    /// the journal is only read.
    public func preview(_ source: PreviewSource, target name: String? = nil) async throws(SyncError) -> [TargetPreview]
    {
        let targets = try chooseTargets(name)
        return try await holdingStateLock { () async throws(SyncError) in
            try await preview(source, targets: targets)
        }
    }

    private func preview(_ source: PreviewSource, targets: [TargetSettings]) async throws(SyncError) -> [TargetPreview]
    {
        let state = ((try? journal.load(repairing: false)) ?? .fresh).state
        let seal = journal.existingSecretSeal()
        var commit: CommitID?
        do {
            switch source {
            case .trackedBranch: commit = try await mirror.poll().current
            case .ref(let ref): commit = try await mirror.resolve(ref: ref).commit
            case .folder: commit = nil
            }
        } catch {
            throw SyncError(code: .source, message: error.description)
        }
        var previews: [TargetPreview] = []
        for target in targets {
            previews.append(
                try await preview(target, commit: commit, source: source, state: state[target.name], seal: seal)
            )
        }
        return previews
    }

    private func chooseTargets(_ name: String?) throws(SyncError) -> [TargetSettings] {
        guard let name else { return configuration.targets }
        guard let target = configuration.targets.first(where: { $0.name == name }) else {
            let names = configuration.targets.map(\.name).joined(separator: ", ")
            throw SyncError(code: .refused, message: "no target named \(name) (targets: \(names))")
        }
        return [target]
    }

    private func preview(
        _ target: TargetSettings,
        commit: CommitID?,
        source: PreviewSource,
        state: TargetState,
        seal: SecretSeal?
    ) async throws(SyncError) -> TargetPreview {
        var label = commit?.hex ?? ""
        if case .folder(let path) = source { label = "folder \(path)" }
        let desired: DesiredState
        switch try await validated(target, commit: commit, source: source, state: state) {
        case .success(let valid): desired = valid
        case .failure(let report): return TargetPreview(target: target.name, source: label, validation: report)
        }
        let cluster = ClusterClient(options: configuration.kubectlOptions(for: target), logger: logger)
        let reconcilePolicy = target.policy.reconcilePolicy(overrides: desired.driftOverrides)
        do {
            let (plan, _) = try await livePlan(
                desired.resources,
                commit: commit?.hex ?? "local",
                inventory: state.inventory,
                policy: reconcilePolicy,
                atRest: { seal?.sealed($0) ?? $0 },
                cluster: cluster
            )
            var objects = try await previewObjects(
                plan,
                desired: desired,
                cluster: cluster,
                fieldManager: target.cluster.fieldManager
            )
            let pruneDecision = PruneGuard.decide(
                candidates: plan.pruneCandidates,
                desiredCount: desired.resources.count,
                appliesSucceeded: true,
                inventoryTrusted: true,
                policy: reconcilePolicy
            )
            objects += pruneDecision.prune.map { ObjectPreview(identity: $0.identity, action: .prune) }
            objects += pruneDecision.blocked.map {
                ObjectPreview(
                    identity: $0.resource.identity,
                    action: .keep,
                    note: "prune blocked: \($0.reason.explanation)"
                )
            }
            return TargetPreview(
                target: target.name,
                source: label,
                objects: objects,
                models: HistoryEntry.modelChanges(from: state.models, to: ModelState.serving(desired.models))
            )
        } catch {
            throw SyncError(code: .cluster, message: "reading the cluster failed: \(error.message)")
        }
    }

    /// The desired-state stage of a preview: the files of `source` (or of `commit`) for `target`, validated under
    /// the host policy against the cluster's scope of each kind; the validation report when they do not validate.
    private func validated(
        _ target: TargetSettings,
        commit: CommitID?,
        source: PreviewSource,
        state: TargetState
    ) async throws(SyncError) -> Result<DesiredState, ValidationReport> {
        let policy = configuration.validationPolicy(for: target)
        let files: [SourceFile]
        do {
            if case .folder(let path) = source {
                files = try LocalFolderReader(limits: policy.limits).read(at: path)
            } else if let commit {
                files = try await mirror.snapshot(of: commit, folder: target.path).files
            } else {
                files = []
            }
        } catch let error as ManifestsError {
            return .failure(ValidationReport(refusal: error))
        } catch {
            throw SyncError(code: .source, message: "\(error)")
        }
        let previousFiles = await lastAppliedFiles(of: target, state: state)
        let scopes: KindScopeSource
        do {
            scopes = try await clusterScopes(for: target)
        } catch {
            throw SyncError(code: .cluster, message: "reading the cluster's API resources failed: \(error.message)")
        }
        let result = DesiredStateBuilder(policy: policy, scopes: scopes).validate(
            files: files,
            previousFiles: previousFiles
        )
        guard let desired = result.desiredState else { return .failure(result.report) }
        return .success(desired)
    }

    /// Fields a preview leaves out: the object's identity (in the heading already) and the commit stamp.
    static let previewHidden: Set<FieldPath> = [
        "apiVersion", "kind", "metadata.name", "metadata.namespace",
        FieldPath([.key("metadata"), .key("annotations"), .key(ObjectLabels.sourceCommit)]),
    ]

    /// Dry-runs every object that would be written (forcing ownership where the policy heals) and
    /// diffs the result against the live object.
    private func previewObjects(
        _ plan: Plan,
        desired: DesiredState,
        cluster: ClusterClient,
        fieldManager: String
    ) async throws(ClusterError) -> [ObjectPreview] {
        let written = plan.items.filter { $0.action != .unchanged }
        var expected: [ObjectIdentity: ApplyResult] = [:]
        for force in [false, true] {
            let batch = written.filter { ($0.mode == .heal) == force }
            guard !batch.isEmpty else { continue }
            let outcome = try await cluster.apply(batch.map(\.resource.object), force: force, dryRun: true)
            for result in outcome.results { expected[result.object] = result }
        }
        let creatingNamespaces = Set(written.filter { $0.resource.kind == "Namespace" }.map(\.resource.name))
        return written.compactMap { item -> ObjectPreview? in
            let result = expected[item.identity]
            var note = result?.error.map(\.message)
            if let namespace = item.identity.namespace, creatingNamespaces.contains(namespace),
                result?.error?.code == .notFound
            {
                note = nil  // its namespace is created by the same sync
            }
            return Self.preview(of: item, expected: result, note: note, fieldManager: fieldManager)
        }
    }

    /// What `item` would change, as a dry-run (`expected`) says, with `note` (a problem the dry-run met).
    private static func preview(
        of item: PlanItem,
        expected result: ApplyResult?,
        note: String?,
        fieldManager: String
    ) -> ObjectPreview? {
        let file = item.resource.annotations[ObjectLabels.sourceFile]
        switch item.action {
        case .unchanged:
            return nil
        case .create:
            let shown = ObjectDiff.leaves(of: ObjectNormalizer.normalized(item.resource.object))
                .filter { !Self.previewHidden.contains($0.path) }
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
                .filter { !Self.previewHidden.contains($0.path) }
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
            let drift =
                item.action == .recreate
                ? Drift(identity: item.identity, kind: .deleted, fields: [], mode: item.mode)
                : result?.serverObject.flatMap {
                    DriftDetector.detect(
                        identity: item.identity,
                        expected: $0,
                        live: item.live,
                        mode: item.mode,
                        fieldManager: fieldManager
                    )
                }
            guard let drift else { return nil }
            let changes = drift.fields.map { FieldChange(path: $0.path, before: $0.live, after: $0.desired) }
            let who =
                drift.managers.isEmpty ? nil : "changed in the cluster by \(drift.managers.joined(separator: ", "))"
            return ObjectPreview(
                identity: item.identity,
                action: item.mode == .heal ? .heal : .drift,
                changes: changes,
                note: drift.kind == .deleted ? "deleted from the cluster" : who ?? note,
                sourceFile: file
            )
        }
    }
}

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

    /// One target's preview: the same desired-state, canary-hold and live-plan stages as a sync, then a server-side
    /// dry-run of every object the plan would write.
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
        let rule = CanaryHoldRule(resources: desired.resources, models: desired.models, isFallback: false)
        let held = rule.holding(try await abortedCanaries(of: target, for: rule))
        let objects: [ObjectPreview]
        do {
            objects = try await previewObjects(
                held,
                overrides: desired.driftOverrides,
                of: target,
                commit: commit?.hex ?? "local",
                state: state,
                seal: seal
            )
        } catch {
            throw SyncError(code: .cluster, message: "reading the cluster failed: \(error.message)")
        }
        return TargetPreview(
            target: target.name,
            source: label,
            objects: objects,
            models: HistoryEntry.modelChanges(from: state.models, to: ModelState.serving(desired.models))
        )
    }

    /// The live-state and plan stages of a preview of `resources`, and what the plan would do to each object: the
    /// writes as server-side dry-runs show them, then the prunes and the prunes the guard blocks.
    private func previewObjects(
        _ resources: [Resource],
        overrides: [ObjectIdentity: DriftPolicy],
        of target: TargetSettings,
        commit: String,
        state: TargetState,
        seal: SecretSeal?
    ) async throws(ClusterError) -> [ObjectPreview] {
        let cluster = ClusterClient(options: configuration.kubectlOptions(for: target), logger: logger)
        let policy = target.policy.reconcilePolicy(overrides: overrides)
        let (plan, _) = try await livePlan(
            resources,
            commit: commit,
            inventory: state.inventory,
            policy: policy,
            atRest: { seal?.sealed($0) ?? $0 },
            cluster: cluster
        )
        let written = try await previewWrites(plan, cluster: cluster, fieldManager: target.cluster.fieldManager)
        let pruneDecision = PruneGuard.decide(
            candidates: plan.pruneCandidates,
            desiredCount: resources.count,
            appliesSucceeded: true,
            inventoryTrusted: true,
            policy: policy
        )
        return written + ObjectPreview.prunes(pruneDecision)
    }

    /// The desired-state stage of a preview: the files of `source` (or of `commit`) for `target`, validated as a sync
    /// validates them; the validation report when they do not validate.
    private func validated(
        _ target: TargetSettings,
        commit: CommitID?,
        source: PreviewSource,
        state: TargetState
    ) async throws(SyncError) -> Result<DesiredState, ValidationReport> {
        let files: [SourceFile]
        do {
            if case .folder(let path) = source {
                files = try LocalFolderReader(limits: configuration.validationPolicy(for: target).limits).read(at: path)
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
        let result: ValidationResult
        do {
            result = try await validate(files, for: target, state: state)
        } catch {
            throw SyncError(code: .cluster, message: "reading the cluster's API resources failed: \(error.message)")
        }
        guard let desired = result.desiredState else { return .failure(result.report) }
        return .success(desired)
    }

    /// Dry-runs every object that would be written (forcing ownership where the policy heals) and
    /// diffs the result against the live object.
    private func previewWrites(
        _ plan: Plan,
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
            return ObjectPreview.planned(item, expected: result, note: note, fieldManager: fieldManager)
        }
    }
}

import Cluster
import Foundation
import GitSource
import Manifests
import MooringCore
import Reconciler

extension SyncEngine {
    /// The outcome of reading and validating a target's folder.
    enum DesiredOutcome {
        /// A desired state to sync to.
        case ready(DesiredSnapshot)
        /// The new commit was refused; the fallback (the last applied state) is still kept in sync.
        case refused(fallback: DesiredSnapshot?)
        /// A preview's files do not validate: nothing would be applied.
        case invalid(ValidationReport)
        /// Neither git nor the journal gives a desired state (for a preview: its files could not be read or
        /// validated, ``TargetRun/failure`` says why).
        case unavailable
    }

    /// What reading the desired files gave: the files to validate, or the outcome when the stage ends before.
    enum FilesRead {
        case files(DesiredFiles)
        case decided(DesiredOutcome)
    }

    /// The desired-state stage of every mode: the files `input` names (the polled commit's, a commit's or a local
    /// folder's), validated and rendered. For a sync, see ``polledFiles(_:for:state:run:)`` for its gates and
    /// fallback; a preview's files have neither.
    func desiredState(
        for target: TargetSettings,
        input: DesiredInput,
        state: TargetState,
        run: inout TargetRun
    ) async -> DesiredOutcome {
        let read: FilesRead
        switch input {
        case .polled(let poll): read = await polledFiles(poll, for: target, state: state, run: &run)
        case .commit(let commit): read = await previewFiles(of: commit, for: target, run: &run)
        case .folder(let path): read = previewFiles(inFolder: path, for: target, run: &run)
        }
        switch read {
        case .decided(let outcome): return outcome
        case .files(let files): return await rendered(files, for: target, state: state, run: &run)
        }
    }

    /// A sync's files for `target`: the polled commit's, or — when git is unreachable, or the commit is the one last
    /// applied, validated under the same host policy, and nothing it removed awaits pruning — the journal's last
    /// applied state, decided without reading them.
    private func polledFiles(
        _ poll: PollResult?,
        for target: TargetSettings,
        state: TargetState,
        run: inout TargetRun
    ) async -> FilesRead {
        let fallback = Self.lastApplied(state, trusted: inventoryTrusted)
        guard let poll else { return .decided(fallback.map { .ready($0) } ?? .unavailable) }
        let commit = poll.current
        // A journal from before the live guardrails lacks the rendered models they judge: render the commit once.
        if let fallback, fallback.commit == commit, state.removedFromGit == nil, state.renderedModels != nil,
            state.validatedPolicy == configuration.validationPolicy(for: target).fingerprint
        {
            return .decided(.ready(fallback))
        }
        await checkHistory(from: state.lastAppliedCommit, to: commit, run: &run)
        if let refusal = await signatureGate(commit, state: state, fallback: fallback, run: &run) {
            return .decided(refusal)
        }
        return await read(commit, for: target, state: state, fallback: fallback, run: &run)
    }

    /// Under `source.verify`, what to sync instead of `commit` when its signature is rejected (the fallback,
    /// refused) or could not be checked (the fallback); `nil` when it may be rendered.
    private func signatureGate(
        _ commit: CommitID,
        state: TargetState,
        fallback: DesiredSnapshot?,
        run: inout TargetRun
    ) async -> DesiredOutcome? {
        do {
            guard let refusal = try await signatureRefusal(of: commit, lastApplied: state.lastAppliedCommit, run: run)
            else { return nil }
            if !refusedBefore(commit, state: state, run: run) { run.raise(refusal) }
            return .refused(fallback: fallback)
        } catch {
            run.raise(
                SyncEvent(
                    .syncFailed,
                    .error,
                    "verifying the signature of \(commit.short) failed: \(error.message); keeping the last applied "
                        + "state, verifying again at the next sync"
                )
            )
            return fallback.map { .ready($0) } ?? .unavailable
        }
    }

    /// `commit`'s folder for `target` read from the mirror: a commit that cannot be read leaves the fallback in place,
    /// one whose folder is refused by the reader (too large, a bad path) is refused.
    private func read(
        _ commit: CommitID,
        for target: TargetSettings,
        state: TargetState,
        fallback: DesiredSnapshot?,
        run: inout TargetRun
    ) async -> FilesRead {
        let info = try? await mirror.commit(commit)
        memory[commit] = info
        do {
            let snapshot = try await mirror.snapshot(of: commit, folder: target.path)
            return .files(
                DesiredFiles(files: snapshot.files, purpose: .sync(commit, fallback: fallback), commitInfo: info)
            )
        } catch {
            if [.unreachable, .timeout, .authentication, .corruptMirror, .git].contains(error.code) {
                run.raise(SyncEvent(.syncFailed, .error, "reading commit \(commit.short) failed: \(error.message)"))
                return .decided(fallback.map { .ready($0) } ?? .unavailable)
            }
            refuse(commit, state: state, run: &run, summary: error.message, diagnostics: [])
            return .decided(.refused(fallback: fallback))
        }
    }

    /// The rendering stage: `read`'s files validated under the host policy against the cluster's scope of each kind,
    /// and rendered into the desired state. A sync's commit that does not validate is refused (its fallback kept); a
    /// preview's invalid files are its answer.
    private func rendered(
        _ read: DesiredFiles,
        for target: TargetSettings,
        state: TargetState,
        run: inout TargetRun
    ) async -> DesiredOutcome {
        let result: ValidationResult
        do throws(ClusterError) {
            result = try await validate(read.files, for: target, state: state)
        } catch {
            return unvalidated(read, error, run: &run)
        }
        guard let desired = result.desiredState else {
            guard case .sync(let commit, let fallback) = read.purpose else { return .invalid(result.report) }
            let problems = result.report.diagnostics
            let summary = "\(problems.count) problem(s) in \(result.report.filesWithProblems.count) file(s)"
            refuse(commit, state: state, run: &run, summary: summary, diagnostics: problems)
            return .refused(fallback: fallback)
        }
        return .ready(DesiredSnapshot(desired, commit: read.commit, commitInfo: read.commitInfo))
    }

    /// When the cluster's API resources cannot be read to validate `read`'s files: a sync keeps its fallback and
    /// validates the commit at the next sync; a preview fails.
    private func unvalidated(_ read: DesiredFiles, _ error: ClusterError, run: inout TargetRun) -> DesiredOutcome {
        guard case .sync(let commit, let fallback) = read.purpose else {
            run.fail(SyncError(code: .cluster, message: "reading the cluster's API resources failed: \(error.message)"))
            return .unavailable
        }
        run.raise(
            SyncEvent(
                .syncFailed,
                .error,
                "reading the cluster's API resources (the scope of each kind) failed: \(error.message); "
                    + "commit \(commit.short) is validated at the next sync"
            )
        )
        return fallback.map { .ready($0) } ?? .unavailable
    }

    /// The validation every mode shares (a sync, a dry run, a preview): `files` for `target` validated under the host
    /// policy, against the cluster's scope of each kind and the files of the last applied commit, and rendered when
    /// they are valid. Throws when the cluster's API resources cannot be read.
    func validate(
        _ files: [SourceFile],
        for target: TargetSettings,
        state: TargetState
    ) async throws(ClusterError) -> ValidationResult {
        let previousFiles = await lastAppliedFiles(of: target, state: state)
        let scopes = try await clusterScopes(for: target)
        return DesiredStateBuilder(policy: configuration.validationPolicy(for: target), scopes: scopes).validate(
            files: files,
            previousFiles: previousFiles
        )
    }

    /// The files of `target`'s last applied commit, which a new commit is validated against (what changed), while the
    /// mirror holds them.
    private func lastAppliedFiles(of target: TargetSettings, state: TargetState) async -> [SourceFile]? {
        guard let last = state.lastAppliedCommit.flatMap(CommitID.init) else { return nil }
        return try? await mirror.snapshot(of: last, folder: target.path).files
    }

    /// Raises `history_rewritten` when the new tip does not descend from the last applied commit.
    private func checkHistory(from last: String?, to commit: CommitID, run: inout TargetRun) async {
        guard let last, last != commit.hex, let lastID = CommitID(last) else { return }
        let descends = (try? await mirror.isDescendant(commit, of: lastID)) ?? false
        guard !descends else { return }
        run.raise(
            SyncEvent(
                .historyRewritten,
                .warning,
                "the branch was rewritten: \(commit.short) does not descend from the last applied \(lastID.short)"
                    + " (a force-push?); syncing to the new tip",
                details: .init(commit: commit, previous: lastID)
            )
        )
    }

    /// Raises `validation_failed` (and `gate_failed` per failed gate) once per refused commit.
    private func refuse(
        _ commit: CommitID,
        state: TargetState,
        run: inout TargetRun,
        summary: String,
        diagnostics: [Diagnostic]
    ) {
        guard !refusedBefore(commit, state: state, run: run) else { return }
        for diagnostic in diagnostics where diagnostic.rule == .gateFailed {
            run.raise(
                SyncEvent(
                    .gateFailed,
                    .error,
                    diagnostic.message,
                    details: .init(commit: commit, file: diagnostic.file)
                )
            )
        }
        let shown = diagnostics.prefix(20).map {
            "\($0.file):\($0.line): \($0.message)".escapingControlCharacters
        }
        let more = diagnostics.count > shown.count ? ["… and \(diagnostics.count - shown.count) more"] : []
        run.raise(
            SyncEvent(
                .validationFailed,
                .error,
                "commit \(commit.short) refused, nothing applied: \(summary)"
                    + (shown.isEmpty ? "" : "\n" + (shown + more).joined(separator: "\n")),
                details: .init(commit: commit, problems: diagnostics.count)
            )
        )
    }

    /// Whether `commit` is the one last refused: its events were raised then, and are not raised again.
    private func refusedBefore(_ commit: CommitID, state: TargetState, run: TargetRun) -> Bool {
        guard state.refusedCommit == commit.hex else { return false }
        run.repeated(
            "commit \(commit.short) was refused before; still serving \(state.lastAppliedCommit ?? "nothing")"
        )
        return true
    }

    /// The journal's last applied state as a desired state (for drift healing without git): the inventory
    /// without the objects that commit removed.
    static func lastApplied(_ state: TargetState, trusted: Bool) -> DesiredSnapshot? {
        guard trusted, let commit = state.lastAppliedCommit.flatMap(CommitID.init), !state.inventory.isEmpty else {
            return nil
        }
        let removed = Set(state.removedFromGit ?? [])
        let records = state.inventory.filter { !removed.contains($0.identity) }
        var overrides: [ObjectIdentity: DriftPolicy] = [:]
        for record in records { if let drift = record.drift { overrides[record.identity] = drift } }
        return DesiredSnapshot(
            resources: records.map { Resource(object: ObjectNormalizer.withoutSourceCommit($0.applied)) },
            models: [],
            driftOverrides: overrides,
            commit: commit,
            commitInfo: nil,
            isFallback: true
        )
    }
}

import Cluster
import GitSource
import Manifests
import MooringCore

/// The desired-state stage of every mode: the files its input names (the polled commit's, a commit's or a local
/// folder's), validated under the host policy and rendered. A sync's commit passes its gates first (signature,
/// history) and falls back to the journal's last applied state when it cannot be used; a preview's files have
/// neither.
struct DesiredStateStage {
    /// What reading the desired files gave: the files to validate, or the outcome when the stage ends before.
    enum FilesRead {
        case files(DesiredFiles)
        case decided(DesiredOutcome)
    }

    var target: TargetSettings
    /// The host guardrails for `target`.
    var policy: ValidationPolicy
    var mirror: GitMirror
    var signatures: SignatureGate
    /// Reads the scope of each kind the cluster serves.
    var cluster: ClusterClient
    /// Whether the journal's inventory can be a fallback (false after a corrupt state file was set aside).
    var inventoryTrusted: Bool

    /// What the stage concluded, and what the polled commit says about itself when it was read.
    func run(
        _ input: DesiredInput,
        state: TargetState,
        run: inout TargetRun
    ) async -> (outcome: DesiredOutcome, commitInfo: (CommitID, CommitInfo?)?) {
        let read: FilesRead
        var commitInfo: (CommitID, CommitInfo?)?
        switch input {
        case .polled(let poll): (read, commitInfo) = await polledFiles(poll, state: state, run: &run)
        case .commit(let commit): read = await previewFiles(of: commit, run: &run)
        case .folder(let path): read = previewFiles(inFolder: path)
        }
        switch read {
        case .decided(let outcome): return (outcome, commitInfo)
        case .files(let files): return (await rendered(files, state: state, run: &run), commitInfo)
        }
    }

    /// A sync's files: the polled commit's, or — when git is unreachable, or ``DesiredRules/keepsLastApplied`` —
    /// the journal's last applied state, decided without reading them.
    private func polledFiles(
        _ poll: PollResult?,
        state: TargetState,
        run: inout TargetRun
    ) async -> (FilesRead, (CommitID, CommitInfo?)?) {
        let fallback = DesiredRules.lastApplied(state, trusted: inventoryTrusted)
        guard let poll else { return (.decided(.fallback(fallback)), nil) }
        let commit = poll.current
        if DesiredRules.keepsLastApplied(fallback, commit: commit, state: state, policy: policy.fingerprint) {
            return (.decided(.fallback(fallback)), nil)
        }
        await checkHistory(from: state.lastAppliedCommit, to: commit, run: &run)
        if let refusal = await signatureGate(commit, state: state, fallback: fallback, run: &run) {
            return (.decided(refusal), nil)
        }
        let info = try? await mirror.commit(commit)
        return (await read(commit, info: info, state: state, fallback: fallback, run: &run), (commit, info))
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
            guard let refusal = try await signatures.refusal(of: commit, lastApplied: state.lastAppliedCommit, run: run)
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
            return .fallback(fallback)
        }
    }

    /// `commit`'s folder read from the mirror: a commit that cannot be read leaves the fallback in place, one whose
    /// folder is refused by the reader (too large, a bad path) is refused.
    private func read(
        _ commit: CommitID,
        info: CommitInfo?,
        state: TargetState,
        fallback: DesiredSnapshot?,
        run: inout TargetRun
    ) async -> FilesRead {
        do {
            let snapshot = try await mirror.snapshot(of: commit, folder: target.path)
            return .files(
                DesiredFiles(files: snapshot.files, purpose: .sync(commit, fallback: fallback), commitInfo: info)
            )
        } catch {
            guard DesiredRules.refuses(readFailure: error.code) else {
                run.raise(SyncEvent(.syncFailed, .error, "reading commit \(commit.short) failed: \(error.message)"))
                return .decided(.fallback(fallback))
            }
            refuse(commit, state: state, run: &run, summary: error.message, diagnostics: [])
            return .decided(.refused(fallback: fallback))
        }
    }

    /// `read`'s files validated under the host policy against the cluster's scope of each kind, and rendered into the
    /// desired state. A sync's commit that does not validate is refused (its fallback kept); a preview's invalid files
    /// are its answer.
    private func rendered(_ read: DesiredFiles, state: TargetState, run: inout TargetRun) async -> DesiredOutcome {
        let result: ValidationResult
        do throws(ClusterError) {
            result = try await validate(read.files, state: state)
        } catch {
            return unvalidated(read, error, run: &run)
        }
        guard let desired = result.desiredState else {
            guard case .sync(let commit, let fallback) = read.purpose else { return .invalid(result.report) }
            let summary = DesiredRules.summary(of: result.report)
            refuse(commit, state: state, run: &run, summary: summary, diagnostics: result.report.diagnostics)
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
        return .fallback(fallback)
    }

    /// `files` validated under the host policy, against the cluster's scope of each kind (its discovery, `kubectl
    /// api-resources`: a kind's scope is the cluster's word, never a guess) and the files of the last applied commit
    /// while the mirror holds them, and rendered when they are valid. Throws when the cluster's API resources cannot
    /// be read.
    private func validate(_ files: [SourceFile], state: TargetState) async throws(ClusterError) -> ValidationResult {
        var previousFiles: [SourceFile]?
        if let last = state.lastAppliedCommit.flatMap(CommitID.init) {
            previousFiles = try? await mirror.snapshot(of: last, folder: target.path).files
        }
        let catalog = try await cluster.discover()
        let scopes = KindScopeSource.cluster(
            catalog.resources.map { KindScope(group: $0.group, kind: $0.kind, namespaced: $0.namespaced) }
        )
        return DesiredStateBuilder(policy: policy, scopes: scopes).validate(files: files, previousFiles: previousFiles)
    }

    /// Raises `history_rewritten` when the new tip does not descend from the last applied commit.
    private func checkHistory(from last: String?, to commit: CommitID, run: inout TargetRun) async {
        guard let last, last != commit.hex, let lastID = CommitID(last) else { return }
        let descends = (try? await mirror.isDescendant(commit, of: lastID)) ?? false
        if !descends { run.raise(DesiredRules.historyRewritten(commit, last: lastID)) }
    }

    /// Raises the events that refuse `commit` (``DesiredRules/refusal(of:summary:diagnostics:)``), once per commit.
    private func refuse(
        _ commit: CommitID,
        state: TargetState,
        run: inout TargetRun,
        summary: String,
        diagnostics: [Diagnostic]
    ) {
        guard !refusedBefore(commit, state: state, run: run) else { return }
        for event in DesiredRules.refusal(of: commit, summary: summary, diagnostics: diagnostics) { run.raise(event) }
    }

    /// Whether `commit` is the one last refused: its events were raised then, and are not raised again.
    private func refusedBefore(_ commit: CommitID, state: TargetState, run: TargetRun) -> Bool {
        guard state.refusedCommit == commit.hex else { return false }
        run.repeated(
            "commit \(commit.short) was refused before; still serving \(state.lastAppliedCommit ?? "nothing")"
        )
        return true
    }
}

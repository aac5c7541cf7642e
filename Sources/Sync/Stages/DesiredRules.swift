import GitSource
import Manifests
import MooringCore
import Reconciler

/// The pure decisions of the desired-state stage: what a sync falls back to, when it need not read its commit, and
/// the events that refuse a commit or tell of a rewritten history.
enum DesiredRules {
    /// The journal's last applied state as a desired state (for drift healing without git): the inventory without
    /// the objects that commit removed. `nil` when the inventory is not trusted, or there is none.
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

    /// Whether a sync of `commit` keeps the last applied state (`fallback`) without reading the commit: it is the
    /// commit last applied, validated under the same host policy (`policy`, its fingerprint), nothing it removed
    /// awaits pruning, and the journal has its rendered models (a journal from before the live guardrails lacks the
    /// models they judge: the commit is rendered once).
    static func keepsLastApplied(
        _ fallback: DesiredSnapshot?,
        commit: CommitID,
        state: TargetState,
        policy: String
    ) -> Bool {
        guard let fallback, fallback.commit == commit else { return false }
        return state.removedFromGit == nil && state.renderedModels != nil && state.validatedPolicy == policy
    }

    /// Whether a commit whose folder could not be read is refused: not when the failure is git's or the network's
    /// (the commit is read again at the next sync), only when the reader refuses the folder itself (too large, a bad
    /// path).
    static func refuses(readFailure code: GitSourceError.Code) -> Bool {
        ![.unreachable, .timeout, .authentication, .corruptMirror, .git].contains(code)
    }

    /// How many problems a validation found, in how many files.
    static func summary(of report: ValidationReport) -> String {
        "\(report.diagnostics.count) problem(s) in \(report.filesWithProblems.count) file(s)"
    }

    /// The events that refuse `commit`: `gate_failed` per failed gate, then `validation_failed` with `summary` and
    /// the first 20 problems.
    static func refusal(of commit: CommitID, summary: String, diagnostics: [Diagnostic]) -> [SyncEvent] {
        let gates = diagnostics.filter { $0.rule == .gateFailed }.map { diagnostic in
            SyncEvent(.gateFailed, .error, diagnostic.message, details: .init(commit: commit, file: diagnostic.file))
        }
        let shown = diagnostics.prefix(20).map {
            "\($0.file):\($0.line): \($0.message)".escapingControlCharacters
        }
        let more = diagnostics.count > shown.count ? ["… and \(diagnostics.count - shown.count) more"] : []
        let refused = SyncEvent(
            .validationFailed,
            .error,
            "commit \(commit.short) refused, nothing applied: \(summary)"
                + (shown.isEmpty ? "" : "\n" + (shown + more).joined(separator: "\n")),
            details: .init(commit: commit, problems: diagnostics.count)
        )
        return gates + [refused]
    }

    /// `history_rewritten`: the new tip `commit` does not descend from the last applied `last`.
    static func historyRewritten(_ commit: CommitID, last: CommitID) -> SyncEvent {
        SyncEvent(
            .historyRewritten,
            .warning,
            "the branch was rewritten: \(commit.short) does not descend from the last applied \(last.short)"
                + " (a force-push?); syncing to the new tip",
            details: .init(commit: commit, previous: last)
        )
    }
}

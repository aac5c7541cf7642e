import GitSource
import Manifests
import MooringCore
import Reconciler

/// The fallback re-read stage: a plan made from the journal's last applied state (a fallback) with every object that
/// will reach the API server — applied, or dry-run to check it for drift — read again from its commit in the mirror
/// wherever the journal cannot give it: a Secret (the journal keeps only digests of its values), and under
/// `source.verify` every object (only what a verified commit holds is applied, never what a file on disk says).
/// Objects that cannot be read again are left out of the plan, with a `sync_failed` event naming them; unchanged
/// objects cost nothing.
struct FallbackRereadStage {
    var target: TargetSettings
    /// The host guardrails for `target`.
    var policy: ValidationPolicy
    var mirror: GitMirror
    /// Whether `source.verify` is on: only a commit whose signature is trusted is read again.
    var verifying: Bool
    var verdict: SignatureGate.Verdict

    /// `plan` with the objects ``needed(_:verifying:)`` names read again from `desired`'s commit; `plan` itself when
    /// `desired` is not a fallback or none is needed.
    func run(_ plan: Plan, desired: DesiredSnapshot, run: inout TargetRun) async -> Plan {
        guard desired.isFallback else { return plan }
        let needed = Self.needed(plan, verifying: verifying)
        guard !needed.isEmpty else { return plan }
        let rendered: [ObjectIdentity: Resource]
        do throws(SyncError) {
            rendered = try await render(desired.commit)
        } catch {
            run.raise(
                SyncEvent(
                    .syncFailed,
                    .error,
                    "\(needed.count) object(s) of commit \(desired.commit.short) must be sent to the cluster "
                        + "and are not taken from state.json (Secret values are not kept there"
                        + (verifying ? ", and source.verify applies only verified commits" : "")
                        + "), but the commit cannot be read again: \(error.message); left as they are"
                )
            )
            rendered = [:]
        }
        let lost = needed.subtracting(rendered.keys)
        if !rendered.isEmpty, !lost.isEmpty {
            run.raise(
                SyncEvent(
                    .syncFailed,
                    .error,
                    "state.json lists \(lost.count) object(s) that commit \(desired.commit.short) does not "
                        + "hold (\(lost.sorted().prefix(5).map(\.description).joined(separator: ", "))); not applied"
                )
            )
        }
        return Self.replaced(plan, needed: needed, by: rendered)
    }

    /// The objects of `plan` the journal cannot give: those that reach the API server (not unchanged) and are
    /// Secrets, or all of them when `verifying`.
    static func needed(_ plan: Plan, verifying: Bool) -> Set<ObjectIdentity> {
        let items = plan.items.filter { item in
            item.action != .unchanged && (verifying || SecretSeal.isSealed(item.resource.object))
        }
        return Set(items.map(\.identity))
    }

    /// `plan` with each `needed` object replaced by its `rendered` one (keeping the journal's source-commit stamp), and
    /// left out when `rendered` does not hold it.
    static func replaced(_ plan: Plan, needed: Set<ObjectIdentity>, by rendered: [ObjectIdentity: Resource]) -> Plan {
        var result = plan
        result.items = plan.items.compactMap { item in
            guard needed.contains(item.identity) else { return item }
            guard let source = rendered[item.identity] else { return nil }
            var object = source.object
            let stamp = FieldPath([.key("metadata"), .key("annotations"), .key(ObjectLabels.sourceCommit)])
            object.set(item.resource.object[path: stamp], at: stamp)
            var item = item
            item.resource = Resource(object: object)
            return item
        }
        return result
    }

    /// The objects `commit` renders for the target, read from the mirror (no network); under `source.verify` only
    /// once its signature is trusted.
    private func render(_ commit: CommitID) async throws(SyncError) -> [ObjectIdentity: Resource] {
        do {
            if verifying, case .rejected(let rejection) = try await verdict(commit) {
                throw SyncError(code: .refused, message: "its signature is rejected (\(rejection.message))")
            }
            let files = try await mirror.snapshot(of: commit, folder: target.path).files
            let desired = try DesiredStateBuilder(policy: policy).build(files: files, previousFiles: nil)
            return Dictionary(desired.resources.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        } catch let error as SyncError {
            throw error
        } catch let error as GitSourceError {
            throw SyncError(code: .source, message: error.message)
        } catch {
            throw SyncError(code: .refused, message: "it no longer validates under this host's policy")
        }
    }
}

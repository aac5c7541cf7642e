import GitSource
import Manifests
import MooringCore
import Reconciler
import Testing

@testable import Sync

/// The pure decisions of the desired-state stage.
@Suite("Desired-state rules")
struct DesiredRulesTests {
    typealias F = WriteStageFixtures

    private static let last = CommitID(String(repeating: "b2", count: 20))!

    /// A journal that last applied `last` with a ConfigMap and a Deployment, validated under `policy`.
    private static func state(removed: [ObjectIdentity]? = nil, rendered: Bool = true) -> TargetState {
        var state = TargetState()
        state.lastAppliedCommit = last.hex
        state.inventory = [F.configMap, F.deployment].map { resource in
            AppliedRecord(
                identity: resource.identity,
                apiVersion: "v1",
                applied: resource.object,
                sourceCommit: last.hex,
                drift: resource == F.deployment ? .heal : nil
            )
        }
        state.removedFromGit = removed
        state.renderedModels = rendered ? [] : nil
        state.validatedPolicy = "policy"
        return state
    }

    @Test("the fallback is the journal's inventory without what git removed, with its drift policies")
    func lastApplied() throws {
        let fallback = try #require(
            DesiredRules.lastApplied(Self.state(removed: [F.configMap.identity]), trusted: true)
        )
        #expect(fallback.isFallback)
        #expect(fallback.commit == Self.last)
        #expect(fallback.resources.map(\.identity) == [F.deployment.identity])
        #expect(fallback.driftOverrides == [F.deployment.identity: .heal])
    }

    @Test("there is no fallback from an untrusted journal, an empty inventory or no applied commit")
    func noFallback() {
        #expect(DesiredRules.lastApplied(Self.state(), trusted: false) == nil)
        var empty = Self.state()
        empty.inventory = []
        #expect(DesiredRules.lastApplied(empty, trusted: true) == nil)
        var none = Self.state()
        none.lastAppliedCommit = nil
        #expect(DesiredRules.lastApplied(none, trusted: true) == nil)
    }

    @Test("the commit last applied is not read again while its policy, prunes and rendered models hold")
    func keepsLastApplied() {
        let state = Self.state()
        let fallback = DesiredRules.lastApplied(state, trusted: true)
        #expect(DesiredRules.keepsLastApplied(fallback, commit: Self.last, state: state, policy: "policy"))
        #expect(!DesiredRules.keepsLastApplied(fallback, commit: SyncFixtures.commit, state: state, policy: "policy"))
        #expect(!DesiredRules.keepsLastApplied(fallback, commit: Self.last, state: state, policy: "stricter"))
        #expect(!DesiredRules.keepsLastApplied(nil, commit: Self.last, state: state, policy: "policy"))
        let pruning = Self.state(removed: [F.configMap.identity])
        #expect(!DesiredRules.keepsLastApplied(fallback, commit: Self.last, state: pruning, policy: "policy"))
        let old = Self.state(rendered: false)
        #expect(!DesiredRules.keepsLastApplied(fallback, commit: Self.last, state: old, policy: "policy"))
    }

    @Test("a folder git or the network failed to read is read again; one the reader refuses is refused")
    func refusesReadFailure() {
        for code in [GitSourceError.Code.unreachable, .timeout, .authentication, .corruptMirror, .git] {
            #expect(!DesiredRules.refuses(readFailure: code))
        }
        #expect(DesiredRules.refuses(readFailure: .commitNotFound))
    }

    @Test("a refusal raises gate_failed per failed gate, then validation_failed listing at most 20 problems")
    func refusal() throws {
        let gate = Diagnostic(rule: .gateFailed, file: "models/churn.yaml", line: 3, message: "accuracy below 0.9")
        let others = (1...21).map {
            Diagnostic(rule: .yamlSyntax, file: "deploy/\($0).yaml", line: $0, message: "bad\u{7}")
        }
        let events = DesiredRules.refusal(
            of: SyncFixtures.commit,
            summary: "22 problem(s)",
            diagnostics: [gate] + others
        )
        #expect(events.map(\.name) == [.gateFailed, .validationFailed])
        #expect(events[0].message == "accuracy below 0.9")
        let message = try #require(events.last?.message)
        #expect(message.hasPrefix("commit \(SyncFixtures.commit.short) refused, nothing applied: 22 problem(s)\n"))
        #expect(message.hasSuffix("\n… and 2 more"))
        #expect(!message.contains("\u{7}"))
        #expect(events.last?.details.problems == 22)
        let plain = DesiredRules.refusal(of: SyncFixtures.commit, summary: "too large", diagnostics: [])
        #expect(plain.map(\.message) == ["commit \(SyncFixtures.commit.short) refused, nothing applied: too large"])
    }

    @Test("a rewritten history names the new tip and the last applied commit")
    func historyRewritten() {
        let event = DesiredRules.historyRewritten(SyncFixtures.commit, last: Self.last)
        #expect(event.name == .historyRewritten)
        #expect(
            event.message
                == "the branch was rewritten: \(SyncFixtures.commit.short) does not descend from the last applied "
                + "\(Self.last.short) (a force-push?); syncing to the new tip"
        )
    }
}

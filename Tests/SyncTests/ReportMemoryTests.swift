import Foundation
import GitSource
import Manifests
import MooringCore
import Reconciler
import Testing

@testable import Sync

/// A report carries where its target stands after the sync, so that its readers (the daemon's status above all)
/// never ask the engine again.
@Suite("Reports made whole")
struct ReportMemoryTests {
    static let (commit, now, object) = (SyncFixtures.commit, SyncFixtures.now, SyncFixtures.object)
    static let older = SyncFixtures.other

    static func model(_ name: String, stable: String) -> ModelSummary {
        ModelSummary(
            name: name,
            namespace: "ml",
            target: .deployment,
            stable: stable,
            canary: nil,
            drift: nil,
            objects: [],
            versions: [],
            source: SourceLocation(file: "models/\(name)/deployment.yaml")
        )
    }

    static func state(lastApplied: CommitID?, drifted: Bool = false) -> TargetState {
        var state = TargetState(
            lastAppliedCommit: lastApplied?.hex,
            models: ["churn": ModelState(namespace: "ml", stable: "12")],
            retryAfter: now + 60
        )
        state.inventory = [
            AppliedRecord(
                identity: object,
                apiVersion: "apps/v1",
                applied: [:],
                sourceCommit: commit.hex,
                reportedDrift: drifted ? "fingerprint" : nil
            )
        ]
        return state
    }

    @Test("the serving models carry the rendered model only while it is the one the journal says serves")
    func servedModels() {
        var memory = ReportMemory()
        memory.serving([Self.model("churn", stable: "12")], from: Self.commit, on: "default")
        let report = TargetReport(target: "default", outcome: .applied, commit: Self.commit)
        let whole = memory.completing(report, state: Self.state(lastApplied: Self.commit), now: Self.now)
        #expect(whole.served.map(\.name) == ["churn"])
        #expect(whole.served.first?.state.stable == "12" && whole.served.first?.summary?.stable == "12")
        #expect(whole.lastAppliedCommit == Self.commit && whole.retryAfter == Self.now + 60)
        let elsewhere = memory.completing(report, state: Self.state(lastApplied: Self.older), now: Self.now)
        #expect(elsewhere.served.first?.summary == nil, "another process applied a commit since")
        #expect(
            memory.completing(report, state: Self.state(lastApplied: Self.commit), now: Self.now + 61).retryAfter == nil
        )
    }

    @Test("a canary its abort holds out of traffic is reported serving 0%, aborted; another canary is not held")
    func heldCanary() throws {
        var memory = ReportMemory()
        var model = Self.model("churn", stable: "12")
        model.canary = ModelDeployment.Canary(version: "13", traffic: 10)
        memory.serving([model], from: Self.commit, on: "default")
        var state = Self.state(lastApplied: Self.commit)
        state.models = ["churn": ModelState(namespace: "ml", stable: "12", canary: "13", canaryTraffic: 10)]
        let report = TargetReport(target: "default", outcome: .inSync, commit: Self.commit)
        let hold = CanaryHold(namespace: "ml", model: "churn", version: "13", fingerprint: model.guardrailFingerprint)
        let held = try #require(memory.completing(report, state: state, holds: [hold]).served.first)
        #expect(held.state.canaryTraffic == 0 && held.state.canaryAborted == true)
        #expect(held.state.summary == "12 + canary 13 (0%, aborted)")
        #expect(held.summary?.canary?.traffic == 10, "the rendered model still says what git declares")
        var changed = hold
        changed.fingerprint = "another-deployment"
        let released = try #require(memory.completing(report, state: state, holds: [changed]).served.first)
        #expect(released.state == state.models["churn"], "a hold on another ModelDeployment does not apply")
        let free = try #require(memory.completing(report, state: state).served.first)
        #expect(free.state.summary == "12 + canary 13 (10%)")
    }

    @Test(
        "a journal or history line written before canaryAborted existed reads as not aborted, and writes it only when true"
    )
    func abortedFlagCompatibility() throws {
        let old = #"{"namespace":"ml","stable":"12","canary":"13","canaryTraffic":0}"#
        let state = try JSONDecoder().decode(ModelState.self, from: Data(old.utf8))
        #expect(state.canaryAborted == nil && state.summary == "12 + canary 13 (0%)")
        let plain = try String(decoding: JSONEncoder().encode(state), as: UTF8.self)
        #expect(!plain.contains("canaryAborted"))
        let aborted = try String(decoding: JSONEncoder().encode(state.abortingCanary()), as: UTF8.self)
        #expect(aborted.contains(#""canaryAborted":true"#))
    }

    @Test("drift found by a sync stays in the reports after it, with its fields, until the journal clears it")
    func driftDetails() {
        var memory = ReportMemory()
        let field = FieldDrift(path: "spec.replicas", desired: 2, live: 5, managers: ["kubectl"])
        let drift = Drift(identity: Self.object, kind: .modified, fields: [field], mode: .alert)
        var found = TargetReport(target: "default", outcome: .drifted, commit: Self.commit)
        found.decision = SyncDecision(batches: [], clean: [], healed: [], alerted: [drift])
        let drifted = Self.state(lastApplied: Self.commit, drifted: true)
        #expect(memory.completing(found, state: drifted).drift == [drift])
        let later = TargetReport(target: "default", outcome: .drifted, commit: Self.commit)
        #expect(memory.completing(later, state: drifted).drift == [drift], "not checked again, still drifted")
        #expect(memory.completing(later, state: Self.state(lastApplied: Self.commit)).drift.isEmpty)
        let unknown = memory.completing(later, state: drifted).drift
        #expect(
            unknown.map(\.identity) == [Self.object] && unknown.first?.fields.isEmpty == true,
            "forgotten once cleared"
        )
    }

    @Test("what a commit says about itself is carried once read")
    func commitInfo() {
        var memory = ReportMemory()
        let person = CommitPerson(name: "Ada", email: "ada@example.com", time: Self.now, utcOffsetMinutes: 0)
        memory[Self.commit] = CommitInfo(
            id: Self.commit,
            author: person,
            committer: person,
            message: "first deploy\n",
            summary: "first deploy",
            parents: []
        )
        let report = TargetReport(target: "default", outcome: .refused, commit: Self.older, refusedCommit: Self.commit)
        let whole = memory.completing(report, state: nil)
        #expect(whole.refusedCommitInfo?.summary == "first deploy" && whole.commitInfo == nil)
        #expect(whole.served.isEmpty && whole.lastAppliedCommit == nil)
    }
}

import Foundation
import GitSource
import Manifests
import MooringCore
import Reconciler
import Testing

@testable import Sync

/// The pure decisions of a sync — its outcome, the backoff of a failing commit, the text of drift — checked on
/// values, without git or a cluster.
@Suite("Sync decisions on values")
struct SyncDecisionRulesTests {
    static let (commit, now, object) = (SyncFixtures.commit, SyncFixtures.now, SyncFixtures.object)
    static let other = SyncFixtures.other

    static func outcome(
        refused: Bool = false,
        failed: Bool = false,
        conflicts: Bool = false,
        healthy: Bool = true,
        wrote: Bool = false,
        driftLeft: Bool = false
    ) -> TargetReport.Outcome {
        TargetReport.Outcome(
            refused: refused,
            failed: failed,
            conflicts: conflicts,
            healthy: healthy,
            wroteSomething: wrote,
            driftLeft: driftLeft
        )
    }

    @Test("the outcome takes the first that holds: refused, failed, conflicts, unhealthy, written, drift left")
    func outcomeOrder() {
        #expect(Self.outcome() == .inSync)
        #expect(Self.outcome(driftLeft: true) == .drifted)
        #expect(Self.outcome(wrote: true, driftLeft: true) == .applied)
        #expect(Self.outcome(healthy: false, wrote: true) == .degraded)
        #expect(Self.outcome(conflicts: true, healthy: false) == .drifted)
        #expect(Self.outcome(failed: true, conflicts: true) == .failed)
        #expect(Self.outcome(refused: true, failed: true) == .refused)
    }

    @Test("the backoff starts at 30 s, doubles with each failure and stops at 30 minutes")
    func backoffDelays() {
        #expect([1, 2, 3, 4].map(Backoff.delay) == [30, 60, 120, 240])
        #expect(Backoff.delay(attempts: 20) == 1800)
        #expect(Backoff.delay(attempts: 0) == 30)
    }

    @Test("a failed commit waits out its backoff; a commit applied in full or another commit does not")
    func backoffWaits() {
        let state = TargetState(unhealthyCommit: Self.commit.hex, unhealthyAttempts: 1, retryAfter: Self.now + 30)
        #expect(Backoff.waits(Self.commit, state: state, now: Self.now))
        #expect(!Backoff.waits(Self.commit, state: state, now: Self.now + 31))
        #expect(!Backoff.waits(Self.other, state: state, now: Self.now))
        #expect(!Backoff.waits(nil, state: state, now: Self.now))
        var applied = state
        applied.lastAppliedCommit = Self.commit.hex
        #expect(!Backoff.waits(Self.commit, state: applied, now: Self.now), "applied: its health is re-checked")
    }

    @Test(
        "a change in the canary holds does not wait out the backoff; an applied unhealthy commit is re-checked after it"
    )
    func backoffAndHolds() {
        let state = TargetState(unhealthyCommit: Self.commit.hex, unhealthyAttempts: 1, retryAfter: Self.now + 30)
        #expect(!Backoff.waits(Self.commit, state: state, now: Self.now, holdsChanged: true))
        #expect(Backoff.waits(Self.commit, state: state, now: Self.now, holdsChanged: false))
        var applied = state
        applied.lastAppliedCommit = Self.commit.hex
        #expect(!Backoff.rechecksHealth(of: Self.commit, state: applied, now: Self.now, ignoringBackoff: false))
        #expect(Backoff.rechecksHealth(of: Self.commit, state: applied, now: Self.now + 30, ignoringBackoff: false))
        #expect(Backoff.rechecksHealth(of: Self.commit, state: applied, now: Self.now, ignoringBackoff: true))
        #expect(!Backoff.rechecksHealth(of: Self.commit, state: state, now: Self.now + 30, ignoringBackoff: false))
    }

    @Test("each failure of the same commit extends the backoff; a success clears it")
    func backoffRecord() {
        var state = TargetState()
        Backoff.record(.failed, of: Self.commit, interruption: nil, healthChecked: false, in: &state, now: Self.now)
        #expect(state.unhealthyCommit == Self.commit.hex && state.unhealthyAttempts == 1)
        #expect(state.retryAfter == Self.now + 30)
        Backoff.record(.degraded, of: Self.commit, interruption: nil, healthChecked: true, in: &state, now: Self.now)
        #expect(state.unhealthyAttempts == 2 && state.retryAfter == Self.now + 60)
        Backoff.record(.applied, of: Self.commit, interruption: nil, healthChecked: true, in: &state, now: Self.now)
        #expect(state.unhealthyCommit == nil && state.unhealthyAttempts == 0 && state.retryAfter == nil)
    }

    @Test("a commit not healthy before stays so until a health check says otherwise")
    func backoffNeedsHealthCheck() {
        var state = TargetState(unhealthyCommit: Self.commit.hex, unhealthyAttempts: 2, retryAfter: Self.now)
        Backoff.record(.inSync, of: Self.commit, interruption: nil, healthChecked: false, in: &state, now: Self.now)
        #expect(state.unhealthyCommit == Self.commit.hex && state.unhealthyAttempts == 2)
        Backoff.record(.inSync, of: Self.other, interruption: nil, healthChecked: false, in: &state, now: Self.now)
        #expect(state.unhealthyCommit == nil, "another commit applied cleanly")
    }

    @Test("a sync stopped by a shutdown or a lost Lease sets no backoff; one past its deadline does")
    func backoffInterrupted() {
        var state = TargetState()
        Backoff.record(
            .failed,
            of: Self.commit,
            interruption: .shutdown,
            healthChecked: false,
            in: &state,
            now: Self.now
        )
        #expect(state.unhealthyCommit == Self.commit.hex && state.unhealthyAttempts == 0 && state.retryAfter == nil)
        Backoff.record(
            .failed,
            of: Self.commit,
            interruption: .deadline(.seconds(60)),
            healthChecked: false,
            in: &state,
            now: Self.now
        )
        #expect(state.unhealthyAttempts == 1 && state.retryAfter == Self.now + 30)
    }

    @Test("each outcome is recorded in the audit trail as the result a person reads")
    func historyResults() {
        let outcomes: [TargetReport.Outcome] = [.applied, .inSync, .drifted, .degraded, .refused, .failed, .waiting]
        #expect(
            outcomes.map { HistoryEntry.Result($0) } == [
                .applied, .applied, .drifted, .degraded, .refused, .failed, .failed,
            ]
        )
    }

    @Test("a drift names at most five fields, desired → live, and who changed them")
    func driftSummary() {
        let fields = (1...7).map { index in
            FieldDrift(
                path: FieldPath(stringLiteral: "spec.f\(index)"),
                desired: .int(index),
                live: .int(0),
                managers: ["kubectl"]
            )
        }
        let drift = Drift(identity: Self.object, kind: .modified, fields: fields, mode: .alert)
        #expect(
            drift.summary
                == "Deployment.apps ml/churn: spec.f1 1 → 0, spec.f2 2 → 0, spec.f3 3 → 0, spec.f4 4 → 0, spec.f5 5 → 0, "
                + "… 2 more (changed by kubectl)"
        )
        #expect(drift.eventDetails.rendered["fields"] == fields.map(\.path.description).joined(separator: ","))
        let deleted = Drift(identity: Self.object, kind: .deleted, fields: [], mode: .heal)
        #expect(deleted.summary == "Deployment.apps ml/churn: deleted from the cluster")
        #expect(deleted.historyRecord(action: "heal").fields == ["(deleted)"])
    }

    @Test("models whose serving versions changed, added or removed, by name")
    func modelChanges() {
        let old = ["a": ModelState(namespace: "ml", stable: "1"), "b": ModelState(namespace: "ml", stable: "2")]
        let new = ["a": ModelState(namespace: "ml", stable: "1"), "c": ModelState(namespace: "ml", stable: "3")]
        let changes = HistoryEntry.modelChanges(from: old, to: new)
        #expect(changes.map(\.model) == ["b", "c"])
        #expect(changes.first?.to == nil && changes.last?.from == nil)
    }
}

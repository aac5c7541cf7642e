import GitSource
import Logging
import MooringCore
import Reconciler
import TestSupport
import Testing

@testable import Sync

/// An event's typed details and the one text of them that logs and alerts show: a change of that text (a separator,
/// a number's or a commit's format, a field left out or added) fails here.
@Suite("Sync event details as fields")
struct SyncEventDetailsTests {
    static let (commit, other, object) = (SyncFixtures.commit, SyncFixtures.other, SyncFixtures.object)

    @Test("a drift's fields, managers, desired and live values are comma-joined in the same order")
    func driftRendering() {
        let drift = Drift(
            identity: Self.object,
            kind: .modified,
            fields: [
                FieldDrift(path: "spec.replicas", desired: 2, live: 5, managers: ["kubectl"]),
                FieldDrift(path: "data.LOG_LEVEL", desired: "info", live: JSONValue?.none, managers: ["kubectl-patch"]),
            ],
            mode: .alert
        )
        #expect(
            drift.eventDetails.rendered == [
                "object": "Deployment.apps ml/churn",
                "kind": "modified",
                "fields": "spec.replicas,data.LOG_LEVEL",
                "managers": "kubectl,kubectl-patch",
                "desired": #"2,"info""#,
                "live": "5,(absent)",
            ]
        )
    }

    @Test(
        "commits are full hex, counts decimal, what was left undone joined with '; '; nil is no field, [] an empty one"
    )
    func scalarRendering() {
        let details = SyncEvent.Details(
            target: "prod",
            commit: Self.commit,
            previous: Self.other,
            reason: "deadline",
            objects: 3,
            problems: 0,
            fields: [],
            undone: ["target a: applying 1 object(s)", "target b: pruning"]
        )
        #expect(
            details.rendered == [
                "target": "prod",
                "commit": String(repeating: "a1", count: 20),
                "previous": String(repeating: "b2", count: 20),
                "reason": "deadline",
                "objects": "3",
                "problems": "0",
                "fields": "",
                "undone": "target a: applying 1 object(s); target b: pruning",
            ]
        )
        #expect(SyncEvent.Details().rendered.isEmpty)
    }

    @Test("a logged event carries its name as `event` and each rendered field as metadata")
    func loggedMetadata() {
        let logs = CapturedLogs()
        let details = SyncEvent.Details(commit: Self.commit, created: 1, updated: 2, pruned: 0)
        SyncEvent(.syncApplied, .info, "applied", details: details).log(to: logs.logger)
        let entry = logs.entries.first
        #expect(entry?.level == .info)
        #expect(
            entry?.metadata == [
                "event": "sync_applied", "commit": String(repeating: "a1", count: 20), "created": "1", "updated": "2",
                "pruned": "0",
            ]
        )
    }
}

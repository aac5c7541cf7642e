import Foundation
import Manifests
import MooringCore
import Reconciler
import Sync
import TestSupport
import Testing

@Suite("Journal")
struct JournalTests {
    private func sampleState() -> JournalState {
        let identity = ObjectIdentity(group: "apps", kind: "Deployment", namespace: "ml-prod", name: "fraud")
        let record = AppliedRecord(
            identity: identity,
            apiVersion: "apps/v1",
            applied: ["kind": "Deployment", "spec": ["replicas": 2]],
            sourceCommit: "abc123",
            verifiedResourceVersion: "42"
        )
        var state = JournalState()
        state["default"] = TargetState(
            lastAppliedCommit: "abc123",
            inventory: [record],
            models: ["fraud": ModelState(namespace: "ml-prod", stable: "12", canary: "13", canaryTraffic: 10)]
        )
        return state
    }

    @Test("state round-trips through state.json")
    func roundTrip() async throws {
        try await withTemporaryDirectory { directory in
            let journal = Journal(directory: directory.path + "/state")
            #expect(try journal.load() == .fresh)
            try journal.save(sampleState())
            #expect(try journal.load() == .intact(sampleState()))
        }
    }

    @Test(
        "a flipped byte is detected, the file moved aside and safe mode reported",
        arguments: [
            "flip", "truncate", "garbage",
        ]
    )
    func corruption(damage: String) async throws {
        try await withTemporaryDirectory { directory in
            let journal = Journal(directory: directory.path)
            try journal.save(sampleState())
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: journal.statePath)))
            switch damage {
            case "flip": bytes[bytes.count - 5] ^= 0x01
            case "truncate": bytes.removeLast(bytes.count / 3)
            default: bytes = Array("not json at all".utf8)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: journal.statePath))
            let load = try journal.load()
            guard case .corrupt(_, let movedTo) = load else {
                Issue.record("expected corruption to be detected, got \(load)")
                return
            }
            #expect(!load.isTrusted)
            #expect(FileManager.default.fileExists(atPath: movedTo))
            #expect(!FileManager.default.fileExists(atPath: journal.statePath))
            #expect(try Data(contentsOf: URL(fileURLWithPath: movedTo)) == Data(bytes))
        }
    }

    @Test("saving leaves no temporary file behind")
    func noTemporaryFiles() async throws {
        try await withTemporaryDirectory { directory in
            let journal = Journal(directory: directory.path)
            try journal.save(sampleState())
            try journal.save(JournalState())
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(names == ["state.json"])
        }
    }

    @Test("history lines append in order; a line cut short by a crash is skipped")
    func history() async throws {
        try await withTemporaryDirectory { directory in
            let journal = Journal(directory: directory.path)
            let first = HistoryEntry(
                time: Date(timeIntervalSince1970: 1_000),
                target: "default",
                commit: "c1",
                author: "Ada <ada@example.com>",
                result: .applied,
                models: [
                    .init(
                        model: "fraud",
                        namespace: "ml-prod",
                        from: nil,
                        to: ModelState(namespace: "ml-prod", stable: "12")
                    )
                ],
                created: ["Deployment.apps ml-prod/fraud"]
            )
            let second = HistoryEntry(
                time: Date(timeIntervalSince1970: 2_000),
                target: "default",
                commit: "c2",
                result: .refused,
                message: "gate failed"
            )
            try journal.append(first)
            try journal.append(second)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: journal.historyPath))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(#"{"time":"2026-"#.utf8))
            try handle.close()
            let third = HistoryEntry(
                time: Date(timeIntervalSince1970: 3_000),
                target: "default",
                commit: "c3",
                result: .applied
            )
            try journal.append(third)
            let read = try journal.history()
            #expect(read.entries == [first, second, third])
            #expect(read.unreadableLines == 1)
        }
    }
}

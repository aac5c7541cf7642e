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
            #expect(names.sorted() == ["state.json", "state.key"])
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

    private func secretState(_ value: String) -> JournalState {
        let identity = ObjectIdentity(group: "", kind: "Secret", namespace: "ml-prod", name: "db")
        let secret: JSONValue = [
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "db", "namespace": "ml-prod"],
            "data": ["password": .string(Data(value.utf8).base64EncodedString())],
            "stringData": ["token": .string(value)],
        ]
        var state = sampleState()
        state["default"].inventory.append(
            AppliedRecord(identity: identity, apiVersion: "v1", applied: secret, sourceCommit: "abc123")
        )
        return state
    }

    @Test("no Secret value reaches state.json: each is kept as a keyed digest, equal for equal values")
    func secretsSealed() async throws {
        try await withTemporaryDirectory { directory in
            let journal = Journal(directory: directory.path)
            let value = "correct-horse-battery-staple"
            try journal.save(secretState(value))
            let text = try String(contentsOfFile: journal.statePath, encoding: .utf8)
            #expect(!text.contains(value))
            #expect(!text.contains(Data(value.utf8).base64EncodedString()))
            let loaded = try journal.load().state["default"].inventory.first { $0.identity.kind == "Secret" }
            let sealed = try #require(loaded?.applied["data"]?["password"]?.stringValue)
            #expect(sealed.hasPrefix("hmac-sha256:"))
            #expect(loaded?.applied["stringData"]?["token"]?.stringValue?.hasPrefix("hmac-sha256:") == true)

            try journal.save(secretState(value))
            let again = try journal.load().state["default"].inventory.first { $0.identity.kind == "Secret" }
            #expect(again?.applied["data"]?["password"]?.stringValue == sealed, "the same value, the same digest")
            try journal.save(secretState(value + "!"))
            let changed = try journal.load().state["default"].inventory.first { $0.identity.kind == "Secret" }
            #expect(changed?.applied["data"]?["password"]?.stringValue != sealed, "another value, another digest")
        }
    }

    @Test("the key is made on first save with mode 0600; a state.json under another key is refused and set aside")
    func hmacUnderHostKey() async throws {
        try await withTemporaryDirectory { directory in
            let journal = Journal(directory: directory.path + "/one")
            try journal.save(sampleState())
            let keyPath = directory.path + "/one/state.key"
            let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            #expect((attributes[.size] as? Int) == 32)
            let header = try String(contentsOfFile: journal.statePath, encoding: .utf8).prefix { $0 != "\n" }
            #expect(header.contains(#""hmac":"hmac-sha256:"#))

            // Another host's (or an intruder's) file, well formed, with a valid HMAC under its own key.
            let other = Journal(directory: directory.path + "/two")
            var forged = sampleState()
            forged["default"].lastAppliedCommit = "f0f0f0"
            try other.save(forged)
            try FileManager.default.removeItem(atPath: journal.statePath)
            try FileManager.default.copyItem(atPath: other.statePath, toPath: journal.statePath)
            guard case .corrupt(let reason, let movedTo) = try journal.load() else {
                Issue.record("a file under another key was accepted")
                return
            }
            #expect(reason.contains("HMAC"))
            #expect(FileManager.default.fileExists(atPath: movedTo))
        }
    }

    @Test("an older Mooring's FNV-checksummed state.json is read on the first start only, then written with an HMAC")
    func legacyFormat() async throws {
        try await withTemporaryDirectory { directory in
            let journal = Journal(directory: directory.path)
            let body = Array(
                #"{"targets":{"default":{"inventory":[],"models":{},"unhealthyAttempts":0,"lastAppliedCommit":"abc123"}}}"#
                    .utf8
            )
            let header =
                #"{"format":"mooring-state","version":1,"length":\#(body.count),"checksum":"fnv1a64:\#(StableHash.hex(of: body))"}"#
            let legacy = Data(Array(header.utf8) + [0x0A] + body)
            try legacy.write(to: URL(fileURLWithPath: journal.statePath))
            #expect(try journal.load().state["default"].lastAppliedCommit == "abc123", "the upgrade keeps the state")
            try legacy.write(to: URL(fileURLWithPath: journal.statePath))
            guard case .corrupt = try journal.load() else {
                Issue.record("once the host has a key, an unauthenticated file is refused")
                return
            }
        }
    }

    @Test("an unreadable state.json is an error, not damage: it is neither moved aside nor replaced")
    func unreadableState() async throws {
        try await withTemporaryDirectory { directory in
            let journal = Journal(directory: directory.path)
            // A directory in its place cannot be read, even by root (the tests' user).
            try FileManager.default.createDirectory(atPath: journal.statePath, withIntermediateDirectories: true)
            #expect(throws: SyncError.self) { try journal.load() }
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: journal.statePath, isDirectory: &isDirectory))
            #expect(isDirectory.boolValue, "left where it was")
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(!names.contains { $0.contains("corrupt") })
        }
    }

    @Test("history.jsonl is rotated at history.maxSize, history.keep files are kept, and history reads across them")
    func historyRotation() async throws {
        try await withTemporaryDirectory { directory in
            let journal = Journal(directory: directory.path, history: HistorySettings(maxSize: 4096, keep: 2))
            var written: [HistoryEntry] = []
            for index in 0..<120 {
                let entry = HistoryEntry(
                    time: Date(timeIntervalSince1970: Double(index)),
                    target: "default",
                    commit: String(format: "%040d", index),
                    result: .applied
                )
                try journal.append(entry)
                written.append(entry)
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(names == ["history.jsonl", "history.jsonl.1", "history.jsonl.2"])
            for name in names {
                let size = try #require(
                    FileManager.default.attributesOfItem(atPath: "\(directory.path)/\(name)")[.size] as? Int
                )
                #expect(size <= 4096, "\(name) is \(size) bytes")
            }
            let read = try journal.history().entries
            #expect(read.count < written.count, "the oldest rotated away")
            #expect(read == Array(written.suffix(read.count)), "oldest first, across the files, none lost between them")
        }
    }

    @Test("a bounded cache keeps the most recent entries only")
    func boundedCache() {
        var cache = BoundedCache<Int, String>(capacity: 3)
        for key in 0..<10 { cache[key] = "\(key)" }
        #expect(cache.count == 3)
        #expect(cache[9] == "9" && cache[7] == "7" && cache[6] == nil)
        cache[8] = nil
        cache[10] = "10"
        #expect(cache.count == 3 && cache[7] == "7")
    }
}

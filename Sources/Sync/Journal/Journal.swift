// Folder Sync/Journal: `state.json`, `history.jsonl` and the state lock.

import Foundation
import MooringCore
import Reconciler

/// The journal in the state directory: `state.json` (what Mooring applied, authenticated by an HMAC-SHA256 under
/// this host's `state.key`, Secret values sealed, replaced atomically) and `history.jsonl` (the audit trail, one
/// line per sync, rotated at `history.maxSize`).
public struct Journal: Sendable {
    public let directory: String
    public let historySettings: HistorySettings

    public init(directory: String, history: HistorySettings = HistorySettings()) {
        self.directory = directory
        self.historySettings = history
    }

    public var statePath: String { directory + "/state.json" }
    public var historyPath: String { directory + "/history.jsonl" }

    private static let format = "mooring-state"
    private static let version = 2
    /// FNV-checksummed, Secret values in clear: read once, on the first start after an upgrade, then rewritten.
    private static let legacyVersion = 1
    /// How many damaged copies of `state.json` are kept (the newest).
    static let keptCorruptCopies = 3

    /// Reads `state.json`. A damaged, forged or half-written file is moved aside, never deleted, and reported as
    /// `.corrupt` so the caller raises an alert and works in safe mode. Read-only callers (`mooring diff`) pass
    /// `repairing: false`: the damaged file stays where it is, and no key is made.
    ///
    /// Throws when the file (or `state.key`) exists but cannot be read: that is not damage, and working without
    /// the inventory, or replacing it at the next save, would lose what Mooring owns.
    public func load(repairing: Bool = true) throws(SyncError) -> JournalLoad {
        let bytes: [UInt8]
        let key: StateKey?
        do {
            guard let read = try DurableFile.read(statePath) else { return .fresh }
            bytes = read
            key = try StateKey.load(in: directory, creating: repairing)
        } catch {
            throw Self.unusable(error)
        }
        do throws(JournalDamage) {
            return .intact(try Self.decode(bytes, key: key))
        } catch {
            guard repairing else { return .corrupt(reason: error.reason, movedTo: statePath) }
            let suffix = "corrupt-\(Int(Date().timeIntervalSince1970))"
            do {
                let moved = try DurableFile.moveAside(statePath, suffix: suffix)
                DurableFile.removeOldest(
                    matching: "state.json.corrupt-",
                    in: directory,
                    keeping: Self.keptCorruptCopies
                )
                return .corrupt(reason: error.reason, movedTo: moved)
            } catch {
                throw Self.unusable(error)
            }
        }
    }

    /// Writes `state.json` atomically: a header line with the HMAC of the body, then the state with Secret values
    /// sealed.
    public func save(_ state: JournalState) throws(SyncError) {
        do {
            try DurableFile.createDirectory(directory)
            guard let key = try StateKey.load(in: directory) else { return }
            let seal = SecretSeal(key: key.secretDigestKey)
            var sealed = state
            for (name, target) in state.targets {
                sealed.targets[name]?.inventory = target.inventory.map { record in
                    var record = record
                    record.applied = seal.sealed(record.applied)
                    return record
                }
            }
            let body: [UInt8]
            do {
                body = Array(try Self.encoder.encode(sealed))
            } catch {
                throw SyncError(code: .journal, message: "the state could not be encoded: \(error)")
            }
            let header =
                #"{"format":"\#(Self.format)","version":\#(Self.version),"length":\#(body.count),"hmac":"\#(key.authenticate(body))"}"#
            try DurableFile.write(Array(header.utf8) + [0x0A] + body, to: statePath)
            DurableFile.removeTemporaries(of: statePath)
        } catch let error as DurableFile.Failure {
            throw Self.unusable(error)
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError(code: .journal, message: "\(error)")
        }
    }

    /// What change detection compares Secrets by: their values sealed under this host's key (made when missing).
    func secretSeal() throws(SyncError) -> SecretSeal {
        do throws(DurableFile.Failure) {
            try DurableFile.createDirectory(directory)
            guard let key = try StateKey.load(in: directory) else {
                throw DurableFile.Failure(path: directory + "/" + StateKey.fileName, message: "cannot be created")
            }
            return SecretSeal(key: key.secretDigestKey)
        } catch {
            throw Self.unusable(error)
        }
    }

    /// The seal of this host's key when there is one (read-only callers make none).
    func existingSecretSeal() -> SecretSeal? {
        guard let key = try? StateKey.load(in: directory, creating: false) else { return nil }
        return SecretSeal(key: key.secretDigestKey)
    }

    /// Checks, before a sync changes anything, that what it will write can be written: `state.json`,
    /// `history.jsonl` and `state.key` when they exist. A sync that could not record what it did must not do it.
    func checkWritable() throws(SyncError) {
        do {
            try DurableFile.checkWritable(statePath)
            try DurableFile.checkWritable(historyPath)
        } catch {
            throw Self.unusable(error)
        }
    }

    /// Appends one entry to `history.jsonl`, rotating it first when the entry would take it past
    /// `history.maxSize`.
    public func append(_ entry: HistoryEntry) throws(SyncError) {
        do {
            var line = Array(try Self.encoder.encode(entry))
            line.append(0x0A)
            try DurableFile.createDirectory(directory)
            try rotateHistory(adding: line.count)
            try DurableFile.append(line, to: historyPath)
        } catch let error as DurableFile.Failure {
            throw Self.unusable(error)
        } catch {
            throw SyncError(code: .journal, message: "a history entry could not be encoded: \(error)")
        }
    }

    /// Every readable history entry, oldest first, across the rotated files (`history.jsonl.N` … `.1`, then
    /// `history.jsonl`), and how many lines could not be read (a line cut short by a crash is skipped, not fatal).
    public func history() throws(SyncError) -> (entries: [HistoryEntry], unreadableLines: Int) {
        var entries: [HistoryEntry] = []
        var unreadable = 0
        let decoder = Self.decoder
        do {
            for path in historyFiles() {
                try DurableFile.forEachLine(of: path) { line in
                    if let entry = try? decoder.decode(HistoryEntry.self, from: Data(line)) {
                        entries.append(entry)
                    } else {
                        unreadable += 1
                    }
                }
            }
        } catch {
            throw SyncError(code: .journal, message: "\(error.path) \(error.message)")
        }
        return (entries, unreadable)
    }

    /// The history files, oldest first.
    func historyFiles() -> [String] {
        let rotated = DurableFile.entries(of: directory).compactMap { name -> Int? in
            guard name.hasPrefix("history.jsonl.") else { return nil }
            return Int(name.dropFirst("history.jsonl.".count)).flatMap { $0 > 0 ? $0 : nil }
        }
        return rotated.sorted(by: >).map { "\(historyPath).\($0)" } + [historyPath]
    }

    /// Shifts `history.jsonl` to `.1` (and `.1` to `.2`…, dropping what falls past `history.keep`) when `adding`
    /// bytes would take it past `history.maxSize`.
    private func rotateHistory(adding count: Int) throws(DurableFile.Failure) {
        guard let size = DurableFile.size(of: historyPath), size > 0, size + count > historySettings.maxSize else {
            return
        }
        for path in historyFiles().dropLast() {
            guard let number = Int(path.dropFirst(historyPath.count + 1)), number >= historySettings.keep else {
                continue
            }
            try DurableFile.remove(path)
        }
        for number in stride(from: historySettings.keep - 1, through: 0, by: -1) {
            let from = number == 0 ? historyPath : "\(historyPath).\(number)"
            guard DurableFile.size(of: from) != nil else { continue }
            try DurableFile.move(from, to: "\(historyPath).\(number + 1)")
        }
    }

    private struct JournalDamage: Error {
        var reason: String
    }

    private static func decode(_ bytes: [UInt8], key: StateKey?) throws(JournalDamage) -> JournalState {
        guard let newline = bytes.firstIndex(of: 0x0A) else { throw JournalDamage(reason: "no header line") }
        let body = Array(bytes[(newline + 1)...])
        guard let header = try? JSONValue.parse(bytes[..<newline]),
            header["format"]?.stringValue == format
        else { throw JournalDamage(reason: "not a Mooring state file") }
        guard header["length"]?.intValue == body.count else {
            throw JournalDamage(reason: "truncated or extended (length does not match its header)")
        }
        switch header["version"]?.intValue {
        case version:
            guard let key else { throw JournalDamage(reason: "there is no state.key to check it against") }
            guard let code = header["hmac"]?.stringValue, key.isAuthentic(body, code: code) else {
                throw JournalDamage(
                    reason: "its HMAC does not match its content (changed, or written under another key)"
                )
            }
        case legacyVersion:
            // An older Mooring's file is trusted only on the start that made this host's key: after that, anyone
            // could write one.
            guard key?.created ?? true else {
                throw JournalDamage(reason: "it is in the unauthenticated format of an older Mooring")
            }
            guard header["checksum"]?.stringValue == "fnv1a64:" + StableHash.hex(of: body) else {
                throw JournalDamage(reason: "its checksum does not match its content")
            }
        default:
            throw JournalDamage(reason: "written by an unknown version of Mooring")
        }
        do {
            return try decoder.decode(JournalState.self, from: Data(body))
        } catch {
            throw JournalDamage(reason: "its content cannot be decoded")
        }
    }

    private static func unusable(_ error: DurableFile.Failure) -> SyncError {
        SyncError(
            code: .journal,
            message: "\(error.path) \(error.message); nothing was changed. The state directory and its files must "
                + "be readable and writable by the user Mooring runs as (after a `sudo mooring sync`, give them back "
                + "with chown)"
        )
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

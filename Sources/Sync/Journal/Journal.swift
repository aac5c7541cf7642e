import Foundation
import MooringCore

/// The journal in the state directory: `state.json` (what Mooring applied, checked by a checksum,
/// replaced atomically) and `history.jsonl` (the audit trail, one line per sync).
public struct Journal: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public var statePath: String { directory + "/state.json" }
    public var historyPath: String { directory + "/history.jsonl" }

    private static let format = "mooring-state"
    private static let version = 1

    /// Reads `state.json`. A damaged or half-written file is moved aside, never deleted, and
    /// reported as `.corrupt` so the caller raises an alert and works in safe mode. Read-only
    /// callers (`mooring diff`) pass `repairing: false`: the damaged file stays where it is.
    public func load(repairing: Bool = true) throws(SyncError) -> JournalLoad {
        let bytes: [UInt8]
        do {
            guard let read = try DurableFile.read(statePath) else { return .fresh }
            bytes = read
        } catch {
            throw SyncError(code: .journal, message: "\(error.path) \(error.message)")
        }
        do throws(JournalDamage) {
            return .intact(try Self.decode(bytes))
        } catch {
            guard repairing else { return .corrupt(reason: error.reason, movedTo: statePath) }
            let suffix = "corrupt-\(Int(Date().timeIntervalSince1970))"
            do {
                let moved = try DurableFile.moveAside(statePath, suffix: suffix)
                return .corrupt(reason: error.reason, movedTo: moved)
            } catch {
                throw SyncError(code: .journal, message: "\(error.path) \(error.message)")
            }
        }
    }

    /// Writes `state.json` atomically: a header line with a checksum, then the state.
    public func save(_ state: JournalState) throws(SyncError) {
        let body: [UInt8]
        do {
            body = Array(try Self.encoder.encode(state))
        } catch {
            throw SyncError(code: .journal, message: "the state could not be encoded: \(error)")
        }
        let header =
            #"{"format":"\#(Self.format)","version":\#(Self.version),"length":\#(body.count),"checksum":"\#(Self.checksum(body))"}"#
        do {
            try DurableFile.createDirectory(directory)
            try DurableFile.write(Array(header.utf8) + [0x0A] + body, to: statePath)
        } catch {
            throw SyncError(
                code: .journal,
                message: "\(error.path) \(error.message); the state directory must be writable"
            )
        }
    }

    /// Appends one entry to `history.jsonl`.
    public func append(_ entry: HistoryEntry) throws(SyncError) {
        do {
            var line = Array(try Self.encoder.encode(entry))
            line.append(0x0A)
            try DurableFile.createDirectory(directory)
            try DurableFile.append(line, to: historyPath)
        } catch let error as DurableFile.Failure {
            throw SyncError(code: .journal, message: "\(error.path) \(error.message)")
        } catch {
            throw SyncError(code: .journal, message: "a history entry could not be encoded: \(error)")
        }
    }

    /// Every readable history entry, oldest first, and how many lines could not be read (a line
    /// cut short by a crash is skipped, not fatal).
    public func history() throws(SyncError) -> (entries: [HistoryEntry], unreadableLines: Int) {
        let bytes: [UInt8]
        do {
            guard let read = try DurableFile.read(historyPath) else { return ([], 0) }
            bytes = read
        } catch {
            throw SyncError(code: .journal, message: "\(error.path) \(error.message)")
        }
        var entries: [HistoryEntry] = []
        var unreadable = 0
        for line in bytes.split(separator: 0x0A) where !line.isEmpty {
            if let entry = try? Self.decoder.decode(HistoryEntry.self, from: Data(line)) {
                entries.append(entry)
            } else {
                unreadable += 1
            }
        }
        return (entries, unreadable)
    }

    private struct JournalDamage: Error {
        var reason: String
    }

    private static func decode(_ bytes: [UInt8]) throws(JournalDamage) -> JournalState {
        guard let newline = bytes.firstIndex(of: 0x0A) else { throw JournalDamage(reason: "no header line") }
        let body = Array(bytes[(newline + 1)...])
        guard let header = try? JSONValue.parse(bytes[..<newline]),
            header["format"]?.stringValue == format
        else { throw JournalDamage(reason: "not a Mooring state file") }
        guard header["version"]?.intValue == version else {
            throw JournalDamage(reason: "written by an unknown version of Mooring")
        }
        guard header["length"]?.intValue == body.count else {
            throw JournalDamage(reason: "truncated or extended (length does not match its header)")
        }
        guard header["checksum"]?.stringValue == Self.checksum(body) else {
            throw JournalDamage(reason: "its checksum does not match its content")
        }
        do {
            return try decoder.decode(JournalState.self, from: Data(body))
        } catch {
            throw JournalDamage(reason: "its content cannot be decoded")
        }
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static func checksum(_ body: [UInt8]) -> String { "fnv1a64:" + StableHash.hex(of: body) }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

import Foundation

extension Journal {
    /// The newest history entries for which `isWanted` holds, oldest first, read from the newest file back (across
    /// the rotated files) until `byteBudget` bytes have been read; `complete` is false when older history was left
    /// unread. Lines that do not contain `mentioning` (raw bytes, such as a model's name) are not decoded, so that a
    /// large history costs little; unreadable lines are skipped.
    public func recentHistory(
        byteBudget: Int,
        mentioning: String,
        where isWanted: (HistoryEntry) -> Bool
    ) throws(SyncError) -> (entries: [HistoryEntry], complete: Bool) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let needle = Array(mentioning.utf8)
        var remaining = byteBudget
        var newestFirst: [[HistoryEntry]] = []
        do {
            for path in historyFiles().reversed() {
                guard remaining > 0 else { return (newestFirst.reversed().flatMap { $0 }, false) }
                let size = DurableFile.size(of: path) ?? 0
                let offset = max(0, size - remaining)
                remaining -= size - offset
                var entries: [HistoryEntry] = []
                try DurableFile.forEachLine(of: path, from: offset) { line in
                    guard needle.isEmpty || line.firstRange(of: needle) != nil,
                        let entry = try? decoder.decode(HistoryEntry.self, from: Data(line)), isWanted(entry)
                    else { return }
                    entries.append(entry)
                }
                newestFirst.append(entries)
                if offset > 0 { return (newestFirst.reversed().flatMap { $0 }, false) }
            }
        } catch {
            throw SyncError(code: .journal, message: "\(error.path) \(error.message)")
        }
        return (newestFirst.reversed().flatMap { $0 }, true)
    }
}

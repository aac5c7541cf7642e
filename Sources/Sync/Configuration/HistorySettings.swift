import MooringCore

/// How much audit trail the state directory keeps: `history.jsonl` is rotated to `history.jsonl.1` (the older ones
/// shifting to `.2`, `.3`…) once it reaches ``maxSize``, and only ``keep`` rotated files are kept.
public struct HistorySettings: Sendable, Equatable {
    /// The size at which `history.jsonl` is rotated.
    public var maxSize: Int
    /// How many rotated files are kept besides `history.jsonl`.
    public var keep: Int

    public init(maxSize: Int = 64 << 20, keep: Int = 4) {
        self.maxSize = maxSize
        self.keep = keep
    }
}

extension HistorySettings {
    init(reading reader: inout ConfigurationReader) {
        let defaults = HistorySettings()
        _ = reader.object("history", allowed: ["maxSize", "keep"])
        self.init(
            maxSize: reader.byteSize("history.maxSize") ?? defaults.maxSize,
            keep: reader.integer("history.keep", minimum: 1) ?? defaults.keep
        )
        if maxSize < 4096 { reader.report("history.maxSize", "must be at least 4Ki, or every sync would rotate") }
    }
}

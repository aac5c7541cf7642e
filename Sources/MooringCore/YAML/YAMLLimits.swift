/// Bounds that keep a hostile document from hanging or exhausting the reader.
public struct YAMLLimits: Sendable, Equatable {
    /// Deepest nesting of lists and objects.
    public var maxDepth: Int
    /// Nodes a document may expand to (aliases counted each time they are used), at least.
    public var minimumNodeBudget: Int
    /// Further nodes allowed per byte of the text, so large plain streams still fit. The budget is
    /// shared by all documents of a stream.
    public var nodesPerByte: Int
    /// Nodes that aliases may expand to in one stream, counted apart from the text's own nodes and
    /// independent of its size, so a bomb hidden in a large file is refused as fast as a small one.
    public var maxAliasExpansion: Int

    public init(
        maxDepth: Int = 100,
        minimumNodeBudget: Int = 10_000,
        nodesPerByte: Int = 4,
        maxAliasExpansion: Int = 100_000
    ) {
        self.maxDepth = maxDepth
        self.minimumNodeBudget = minimumNodeBudget
        self.nodesPerByte = nodesPerByte
        self.maxAliasExpansion = maxAliasExpansion
    }

    /// The node budget for a stream of `byteCount` bytes.
    func nodeBudget(forByteCount byteCount: Int) -> Int {
        max(minimumNodeBudget, byteCount.multipliedReportingOverflow(by: nodesPerByte).partialValue)
    }
}

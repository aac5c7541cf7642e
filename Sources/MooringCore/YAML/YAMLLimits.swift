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
    /// Nodes one file may hold (as written, aliases counted once), counted by the pre-scan before anything
    /// is composed: composing costs about 5 µs a node, so this keeps any file's reading well under a second.
    /// A 1 MiB CustomResourceDefinition holds about 60,000.
    public var maxNodesPerFile: Int
    /// Documents one file may hold, counted by the pre-scan (each document costs about 50 µs to compose
    /// beyond its nodes).
    public var maxDocumentsPerFile: Int

    public init(
        maxDepth: Int = 100,
        minimumNodeBudget: Int = 10_000,
        nodesPerByte: Int = 4,
        maxAliasExpansion: Int = 100_000,
        maxNodesPerFile: Int = 120_000,
        maxDocumentsPerFile: Int = 2_000
    ) {
        self.maxDepth = maxDepth
        self.minimumNodeBudget = minimumNodeBudget
        self.nodesPerByte = nodesPerByte
        self.maxAliasExpansion = maxAliasExpansion
        self.maxNodesPerFile = maxNodesPerFile
        self.maxDocumentsPerFile = maxDocumentsPerFile
    }

    /// The node budget for a stream of `byteCount` bytes.
    func nodeBudget(forByteCount byteCount: Int) -> Int {
        max(minimumNodeBudget, byteCount.multipliedReportingOverflow(by: nodesPerByte).partialValue)
    }
}

/// Bounds that keep a hostile document from hanging or exhausting the reader.
public struct YAMLLimits: Sendable, Equatable {
    /// Deepest nesting of lists and objects.
    public var maxDepth: Int
    /// Nodes a document may expand to (aliases counted each time they are used), at least.
    public var minimumNodeBudget: Int
    /// Further nodes allowed per byte of the document, so large plain documents still fit.
    public var nodesPerByte: Int

    public init(maxDepth: Int = 100, minimumNodeBudget: Int = 10_000, nodesPerByte: Int = 4) {
        self.maxDepth = maxDepth
        self.minimumNodeBudget = minimumNodeBudget
        self.nodesPerByte = nodesPerByte
    }

    /// The node budget for a document of `byteCount` bytes.
    func nodeBudget(forByteCount byteCount: Int) -> Int {
        max(minimumNodeBudget, byteCount.multipliedReportingOverflow(by: nodesPerByte).partialValue)
    }
}

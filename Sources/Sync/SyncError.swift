/// A sync that could not be completed, with what it was doing and what to do next.
public struct SyncError: Error, Sendable, CustomStringConvertible {
    /// Kinds of failure, extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The journal (`state.json`, `history.jsonl`) could not be read or written.
        public static let journal = Code("journal")
        /// Git could not be reached or read.
        public static let source = Code("source")
        /// The commit was refused by validation, a gate or a policy.
        public static let refused = Code("refused")
        /// kubectl or the cluster failed.
        public static let cluster = Code("cluster")
        /// What was applied did not become healthy in time.
        public static let unhealthy = Code("unhealthy")

        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

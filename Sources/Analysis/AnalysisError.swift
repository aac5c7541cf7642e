/// A Prometheus query that gave no usable value. The message names the server (its URL without credentials), the
/// check and what to do; it never holds the bearer token.
public struct AnalysisError: Error, Sendable, CustomStringConvertible {
    /// Kinds of failure, extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// Prometheus could not be reached, or did not answer within the timeout.
        public static let unreachable = Code("unreachable")
        /// Prometheus refused the credentials (401, 403).
        public static let unauthorized = Code("unauthorized")
        /// Prometheus answered with an error (a bad query, an overloaded server) or with something that is not its
        /// API's JSON.
        public static let server = Code("server")
        /// The query gave several series where one value is needed.
        public static let severalSeries = Code("several-series")
        /// The bearer token file could not be read.
        public static let credentials = Code("credentials")

        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

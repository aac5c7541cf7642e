/// A tracking server that could not be read, or a run that cannot become a record. The message names the
/// server (without credentials), the run or model version, and what to do; it never holds a token.
public struct TrackingError: Error, Sendable, CustomStringConvertible {
    /// Kinds of failure, extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// No tracking URI was given, or it is not an `http(s)` URL.
        public static let configuration = Code("configuration")
        /// The server could not be reached (refused, timed out, not HTTP).
        public static let unreachable = Code("unreachable")
        /// The server refused the credentials (401, 403).
        public static let unauthorized = Code("unauthorized")
        /// The run, model version or logged model does not exist.
        public static let notFound = Code("not-found")
        /// The server answered with an error or something that is not MLflow's JSON.
        public static let server = Code("server")
        /// The run lacks what a record needs (a logged model, a metric asked for…).
        public static let incomplete = Code("incomplete")
        /// A local artifact could not be read for its digest.
        public static let artifact = Code("artifact")

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

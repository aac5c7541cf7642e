/// A KubeSim that could not start or be driven.
public struct KubeSimError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The port could not be bound.
        public static let bindFailed = Code("bindFailed")
        /// The kubeconfig or cache folder could not be written.
        public static let fileSystem = Code("fileSystem")
        /// The simulator's seed objects were refused.
        public static let bootstrap = Code("bootstrap")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "KubeSim \(code): \(message)" }
}

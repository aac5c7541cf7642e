/// One network request to the remote, for metrics (`mooring_git_requests_total{op,result}`).
public struct GitRequest: Hashable, Sendable, CustomStringConvertible {
    /// What was asked of the remote.
    public enum Operation: String, Sendable, CaseIterable {
        /// Connect and list the remote's refs, downloading no objects.
        case lsRemote = "ls-remote"
        /// Download objects and update refs in the mirror.
        case fetch
    }

    public var operation: Operation
    /// `success`, or the failure's code (`timeout`, `unreachable`…).
    public var result: String

    public init(operation: Operation, result: String) {
        self.operation = operation
        self.result = result
    }

    public var description: String { "\(operation.rawValue) \(result)" }
}

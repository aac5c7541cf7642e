/// One file of a deploy folder, as read from a git commit or a local directory.
public struct SourceFile: Hashable, Sendable {
    /// The path relative to the deploy folder, with `/` separators.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What a child process printed and how it ended.
public struct ChildProcessOutput: Sendable, Hashable {
    /// The exit status, or 128 plus the signal that ended it (as a shell reports it).
    public var status: Int32
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]

    public init(status: Int32, standardOutput: [UInt8], standardError: [UInt8]) {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Whether it exited with status 0.
    public var succeeded: Bool { status == 0 }
}

/// What one finished kubectl call printed and how it exited.
public struct KubectlOutput: Sendable {
    public var command: KubectlCommand
    /// The exit status; kubectl exits 0 on success and 1 on most failures.
    public var exitCode: Int32
    public var standardOutput: [UInt8]
    public var standardError: String
    public var duration: Duration

    public init(
        command: KubectlCommand,
        exitCode: Int32,
        standardOutput: [UInt8],
        standardError: String,
        duration: Duration
    ) {
        self.command = command
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.duration = duration
    }

    public var succeeded: Bool { exitCode == 0 }
}

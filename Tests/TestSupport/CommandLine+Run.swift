public import Foundation

/// The outcome of a finished child process.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// An error from `run(_:)` when the command fails.
public struct CommandFailure: Error, CustomStringConvertible {
    public var argv: [String]
    public var result: CommandResult
    public var description: String {
        "\(argv.joined(separator: " ")) exited \(result.status): \(result.stderr)\(result.stdout)"
    }
}

/// Runs a command (argv, no shell) to completion and returns its output; throws when it exits non-zero
/// unless `check` is false. Meant for test set-up with the git CLI, ssh-keygen and the like.
@discardableResult
public func run(
    _ argv: [String],
    in directory: URL? = nil,
    environment: [String: String] = [:],
    input: String? = nil,
    check: Bool = true
) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = argv
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    let stdin = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
    }
    // Read both pipes concurrently so neither fills up and blocks the child. Standard error is read on a thread of
    // its own, not on a Dispatch global queue: on Linux those queues' workers also run Swift concurrency, and each
    // one blocked here for a child's lifetime is one fewer for every in-process server (KubeSim) of the test run.
    let errorData = LockedData()
    let readers = DispatchGroup()
    readers.enter()
    Thread {
        errorData.set(stderr.fileHandleForReading.readDataToEndOfFile())
        readers.leave()
    }.start()
    let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
    readers.wait()
    process.waitUntilExit()
    let result = CommandResult(
        status: process.terminationStatus,
        stdout: String(decoding: outputData, as: UTF8.self),
        stderr: String(decoding: errorData.value, as: UTF8.self)
    )
    if check, result.status != 0 { throw CommandFailure(argv: argv, result: result) }
    return result
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var value: Data { lock.withLock { data ?? Data() } }
}

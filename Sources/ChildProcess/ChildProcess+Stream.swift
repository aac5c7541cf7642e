import Subprocess

extension ChildProcess {
    /// Runs the program to its end, handing its standard output to `chunk` as it arrives (for a program that runs
    /// for long, such as a watch), and returns its exit status and standard error (its standard output left empty).
    ///
    /// The deadline, limits and stopping are as for ``run()``; an error thrown by `chunk` stops the program with its
    /// process group.
    public func stream(
        _ chunk: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async throws(ChildProcessError)
        -> ChildProcessOutput
    {
        let configuration = configuration()
        return try await withinDeadline {
            let result = try await Self.retryingBusyExecutable {
                try await Subprocess.run(
                    configuration,
                    input: try standardInput(),
                    output: .sequence,
                    error: .bytes(limit: errorOutputLimit)
                ) { execution in
                    for try await buffer in execution.standardOutput {
                        try await chunk(buffer.withUnsafeBytes { Array($0) })
                    }
                }
            }
            return ChildProcessOutput(
                status: Self.status(result.terminationStatus),
                standardOutput: [],
                standardError: result.standardError
            )
        }
    }
}

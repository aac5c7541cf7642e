import ChildProcess

/// Runs a signature verifier (`ssh-keygen`, `gpg`) as a ``ChildProcess``: argv only, a deadline, the process group
/// killed with SIGKILL on timeout, output capped, standard input from a file.
struct VerifierRunner: Sendable {
    /// What a verifier printed and how it ended.
    struct Output: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    var timeout: Duration
    /// The most each of standard output and standard error may hold; more stops the verifier.
    var outputLimit = 64 * 1024

    /// Runs `executable` (a path, or a name looked up on `PATH`) with `arguments`, its standard input read from
    /// the file `input` (or `/dev/null`), and returns what it printed whatever its exit status.
    func run(
        _ executable: String,
        _ arguments: [String],
        input: String? = nil
    ) async throws(GitSourceError)
        -> Output
    {
        let process = ChildProcess(
            executable,
            arguments,
            inputFile: input,
            timeout: timeout,
            outputLimit: outputLimit
        )
        do {
            let result = try await process.run()
            return Output(
                status: result.status,
                standardOutput: String(decoding: result.standardOutput, as: UTF8.self),
                standardError: String(decoding: result.standardError, as: UTF8.self)
            )
        } catch {
            let reason =
                switch error.code {
                case .outputTooLarge: "printed more than \(outputLimit) bytes and was stopped"
                case .executableNotFound: "is not installed or not on PATH; install it (openssh-client, gnupg)"
                case .timedOut, .inputUnreadable: error.message
                default: "could not be run: \(error.message)"
                }
            let command = ([executable] + arguments).joined(separator: " ")
            throw GitSourceError(code: .verifierFailed, message: "the signature verifier \(command) \(reason)")
        }
    }
}

import Subprocess
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a signature verifier (`ssh-keygen`, `gpg`): argv only, a deadline, the process group killed with
/// SIGKILL on timeout, output capped.
///
/// The child gets a session of its own so the kill reaches anything it started. Standard input comes from a
/// file descriptor, never from a pipe this process writes to (swift-subprocess issue #367: a child exiting
/// early would otherwise raise SIGPIPE here).
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
        let command = ([executable] + arguments).joined(separator: " ")
        let path = input ?? "/dev/null"
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw failure("could not open \(path) as its input: \(String(cString: strerror(errno)))", command)
        }
        var platformOptions = PlatformOptions()
        platformOptions.createSession = true
        platformOptions.teardownSequence = [
            .send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))
        ]
        let configuration = Configuration(
            executable: executable.contains("/") ? .path(FilePath(executable)) : .name(executable),
            arguments: Arguments(arguments),
            environment: .inherit,
            platformOptions: platformOptions
        )
        let limit = outputLimit
        let deadline = timeout
        let outcome: Output?
        do {
            outcome = try await withThrowingTaskGroup(of: Output?.self) { group in
                group.addTask {
                    let result = try await Subprocess.run(
                        configuration,
                        input: .fileDescriptor(FileDescriptor(rawValue: descriptor), closeAfterSpawningProcess: true),
                        output: .bytes(limit: limit),
                        error: .bytes(limit: limit)
                    )
                    let status: Int32 =
                        switch result.terminationStatus {
                        case .exited(let code): code
                        case .signaled(let signal): 128 + signal
                        }
                    return Output(
                        status: status,
                        standardOutput: String(decoding: result.standardOutput, as: UTF8.self),
                        standardError: String(decoding: result.standardError, as: UTF8.self)
                    )
                }
                group.addTask {
                    try await Task.sleep(for: deadline)
                    return nil
                }
                // The first to finish wins; cancelling the run kills the process group, and leaving the group
                // waits until the verifier is reaped.
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
        } catch let error as SubprocessError where error.code == .outputLimitExceeded {
            throw failure("printed more than \(limit) bytes and was stopped", command)
        } catch let error as SubprocessError where error.code == .executableNotFound {
            throw failure("is not installed or not on PATH; install it (openssh-client, gnupg)", command)
        } catch {
            throw failure("could not be run: \(error)", command)
        }
        guard let outcome else {
            throw failure("did not finish within \(timeout) and was killed with its process group", command)
        }
        return outcome
    }

    private func failure(_ message: String, _ command: String) -> GitSourceError {
        GitSourceError(code: .verifierFailed, message: "the signature verifier \(command) \(message)")
    }
}

import Foundation
import Glibc

/// The `git` program, for the housekeeping libgit2 cannot do (repacking the mirror). Runs it with an argv (never a
/// shell), its output discarded but for a capped tail of its errors, in a process group of its own that is killed
/// when the deadline passes. Blocks the calling thread: call it on the mirror's own thread.
struct GitCommandLine: Sendable {
    let executable: String

    /// `git` from `PATH`, or `nil` when it is not installed.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> GitCommandLine? {
        let directories = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let path = "\(directory)/git"
            if access(path, X_OK) == 0 { return GitCommandLine(executable: path) }
        }
        return nil
    }

    struct Failure: Error {
        var message: String
    }

    /// Runs `git <arguments>` and waits for it, at most `timeout`.
    func run(_ arguments: [String], timeout: Duration) throws(Failure) {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-git-\(UUID().uuidString)")
            .path
        defer { unlink(errors) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // No GIT_DIR or GIT_WORK_TREE from the environment: the repository is the one named with -C.
        let environment =
            ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in environment { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environment)
        guard spawned == 0 else {
            throw Failure(message: "\(executable) could not be started: \(String(cString: strerror(spawned)))")
        }
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0, errno != EINTR {
                throw Failure(message: "waiting for git failed: \(String(cString: strerror(errno)))")
            }
            if ContinuousClock.now >= deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure(message: "git \(arguments.first ?? "") did not finish within \(timeout) and was killed")
            }
            usleep(20_000)
        }
        let exited = (status & 0x7F) == 0
        let code = (status >> 8) & 0xFF
        guard exited, code == 0 else {
            let tail = (try? String(contentsOfFile: errors, encoding: .utf8)).map { String($0.suffix(500)) } ?? ""
            throw Failure(
                message: "git \(arguments.first ?? "") failed (\(exited ? "exit \(code)" : "signal \(status & 0x7F)"))"
                    + (tail.isEmpty ? "" : ": \(tail.trimmingCharacters(in: .whitespacesAndNewlines))")
            )
        }
    }
}

import Subprocess
import SystemPackage

/// The git CLI in the demo's repository, run as the people of the story would run it.
///
/// The CLI rather than libgit2: the demo shows what a team does — commit, branch, merge, `git revert` — and
/// the CLI does each in one call, where libgit2 has no porcelain for merges and reverts. As every child process
/// of Mooring: argv only, a session of its own (Ctrl-C on the terminal reaches Mooring, which stops it), a
/// deadline after which its process group is killed, capped output; and no system or user configuration, so a
/// person's git settings (commit signing, hooks, editors) cannot change the story.
struct DemoGit: Sendable {
    /// Someone who commits in the story.
    struct Person: Sendable {
        let name: String
        let email: String
    }

    let executable: String
    let repository: String

    /// The longest one git command may take.
    static let timeout: Duration = .seconds(30)
    /// The most bytes read from git's standard output or standard error.
    static let outputLimit = 1 << 20

    /// Runs `git -C <repository> arguments` as `person` and returns what it printed; throws when it fails.
    @discardableResult
    func run(_ arguments: [String], as person: Person) async throws -> String {
        let configuration = Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(["-C", repository] + arguments),
            environment: .inherit.updating([
                "GIT_AUTHOR_NAME": person.name, "GIT_AUTHOR_EMAIL": person.email,
                "GIT_COMMITTER_NAME": person.name, "GIT_COMMITTER_EMAIL": person.email,
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0",
            ]),
            platformOptions: Self.platformOptions
        )
        let command = "git " + arguments.joined(separator: " ")
        let result = try await withThrowingTaskGroup(of: (status: TerminationStatus, output: String)?.self) { group in
            group.addTask {
                let result = try await Subprocess.run(
                    configuration,
                    output: .string(limit: Self.outputLimit),
                    error: .string(limit: Self.outputLimit)
                )
                let output = result.standardOutput + result.standardError
                return (result.terminationStatus, output)
            }
            group.addTask {
                try await Task.sleep(for: Self.timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let result else {
            throw CommandFailure.runtime("\(command) did not finish within \(Self.timeout) and was killed")
        }
        guard case .exited(0) = result.status else {
            throw CommandFailure.runtime("\(command) failed (\(result.status)): \(result.output)")
        }
        return result.output
    }

    /// A session of its own, and the whole process group killed when the run is cancelled.
    private static var platformOptions: PlatformOptions {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [
            .send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))
        ]
        return options
    }
}

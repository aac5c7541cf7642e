import ChildProcess

/// The git CLI in the demo's repository, run as the people of the story would run it.
///
/// The CLI rather than libgit2: the demo shows what a team does — commit, branch, merge, `git revert` — and
/// the CLI does each in one call, where libgit2 has no porcelain for merges and reverts. Run as a ``ChildProcess``,
/// as every child process of Mooring: argv only, a session of its own (Ctrl-C on the terminal reaches Mooring, which
/// stops it), a deadline after which its process group is killed, capped output; and no system or user
/// configuration, so a person's git settings (commit signing, hooks, editors) cannot change the story.
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
        let process = ChildProcess(
            executable,
            ["-C", repository] + arguments,
            environment: [
                "GIT_AUTHOR_NAME": person.name, "GIT_AUTHOR_EMAIL": person.email,
                "GIT_COMMITTER_NAME": person.name, "GIT_COMMITTER_EMAIL": person.email,
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0",
            ],
            timeout: Self.timeout,
            outputLimit: Self.outputLimit
        )
        let command = "git " + arguments.joined(separator: " ")
        let result: ChildProcessOutput
        do {
            result = try await process.run()
        } catch {
            throw DemoError(code: .stepFailed, message: "\(command) \(error.message)")
        }
        let output = String(decoding: result.standardOutput + result.standardError, as: UTF8.self)
        guard result.succeeded else {
            throw DemoError(code: .stepFailed, message: "\(command) failed (exit \(result.status)): \(output)")
        }
        return output
    }
}

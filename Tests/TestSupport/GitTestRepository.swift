public import Foundation

/// A bare repository standing in for the remote, and a working clone that commits and pushes to it,
/// both made with the git CLI under `directory`.
public struct GitTestRepository: Sendable {
    /// The bare repository, served as the remote.
    public let bare: URL
    /// The working clone used to write commits.
    public let work: URL
    public let branch: String

    /// Fixed identity and no system or user configuration, so runs are repeatable.
    public static let environment = [
        "GIT_AUTHOR_NAME": "Ada Author", "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Carl Committer", "GIT_COMMITTER_EMAIL": "carl@example.com",
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
    ]

    public init(in directory: URL, name: String = "remote.git", branch: String = "main") throws {
        bare = directory.appendingPathComponent(name)
        work = directory.appendingPathComponent("work-\(UUID().uuidString.prefix(8))")
        self.branch = branch
        try run(
            ["git", "init", "--quiet", "--bare", "--initial-branch=\(branch)", bare.path],
            environment: Self.environment
        )
        try run(["git", "init", "--quiet", "--initial-branch=\(branch)", work.path], environment: Self.environment)
        try git("remote", "add", "origin", bare.path)
    }

    /// `file://` URL of the bare repository.
    public var fileURL: String { "file://\(bare.path)" }

    /// Runs git in the working clone and returns its trimmed standard output.
    @discardableResult
    public func git(_ arguments: String...) throws -> String {
        try git(arguments)
    }

    @discardableResult
    public func git(_ arguments: [String]) throws -> String {
        try run(["git", "-C", work.path] + arguments, environment: Self.environment).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes a file in the working clone, creating folders.
    public func write(_ path: String, _ contents: String) throws {
        try write(path, bytes: Array(contents.utf8))
    }

    public func write(_ path: String, bytes: [UInt8]) throws {
        let url = work.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Creates a symbolic link at `path` pointing at `target` (verbatim).
    public func symlink(_ path: String, to target: String) throws {
        let url = work.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// Stages everything, commits, and returns the new commit id.
    @discardableResult
    public func commit(_ message: String, extraArguments: [String] = []) throws -> String {
        try git("add", "--all")
        try git(["commit", "--quiet", "--allow-empty", "-m", message] + extraArguments)
        return try git("rev-parse", "HEAD")
    }

    /// Pushes the branch to the bare repository.
    public func push(force: Bool = false) throws {
        try git(["push", "--quiet"] + (force ? ["--force"] : []) + ["origin", "HEAD:refs/heads/\(branch)"])
    }

    /// Commits and pushes; returns the new commit id.
    @discardableResult
    public func commitAndPush(_ message: String) throws -> String {
        let id = try commit(message)
        try push()
        return id
    }
}

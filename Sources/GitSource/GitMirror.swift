// Folder GitSource: the mirror, libgit2 on its own thread, remotes and credentials, snapshots.

import CLibGit2
import CoreMetrics
import Foundation

/// The bare mirror of the source repository in `<stateDir>/mirror.git`, and every git operation on it.
///
/// libgit2 calls block and its handles must not cross threads, so the actor runs on a dedicated thread of
/// its own (`GitThreadExecutor`); nothing here runs on Swift's cooperative pool. Each operation opens the
/// mirror and frees every handle before it returns, so no handle outlives a call or leaves that thread. Create one mirror per state directory: two processes on the same mirror are not coordinated.
///
/// Network requests are counted per operation and result in `requestCounts()` and in swift-metrics, and each `PollResult` and
/// `ResolvedRef` lists the requests it made.
public actor GitMirror {
    public nonisolated let options: GitSourceOptions
    /// The configured folder, normalized: no leading, trailing or doubled slashes, `""` for the root.
    public nonisolated let folder: String
    let url: RemoteURL
    let progress: (@Sendable (TransferProgress) -> Void)?
    private let executor: GitThreadExecutor
    /// Set once the mirror has been opened and checked in this process; later opens skip the check.
    var verified = false
    /// Set when a read found objects missing: the next open moves the mirror aside.
    var suspect = false
    private var counts: [GitRequest: Int] = [:]

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Checks the options (URL, branch, folder, credentials for the transport); touches neither disk nor network.
    /// `progress` is called on the git thread during downloads, at most every 100 ms.
    ///
    /// Kept out of cross-module optimization: inlined into a client module, Swift 6.3.1's stack promotion asks
    /// whether this actor's deinit is isolated and fails the client's release build with "circular reference".
    @_semantics("optimize.no.crossmodule")
    public init(
        options: GitSourceOptions,
        progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) throws(GitSourceError) {
        LibGit2.initialize()
        let url = try RemoteURL(options.url)
        var valid: Int32 = 0
        guard !options.branch.isEmpty, git_reference_name_is_valid(&valid, "refs/heads/\(options.branch)") == 0,
            valid == 1
        else {
            throw GitSourceError(code: .invalidOptions, message: "'\(options.branch)' is not a valid branch name")
        }
        if url.transport == .ssh, options.knownHostsFile == nil {
            throw GitSourceError(
                code: .invalidOptions,
                message: "an SSH source needs knownHostsFile, so that the server's host key can be checked",
                remote: url.redacted
            )
        }
        if url.transport == .http, options.tokenFile != nil {
            throw GitSourceError(
                code: .invalidOptions,
                message: "a token is only sent over https; change the URL to https",
                remote: url.redacted
            )
        }
        let folder = try Self.normalizedFolder(options.path)
        var options = options
        if !options.mirrorDirectory.hasPrefix("/") {
            options.mirrorDirectory = FileManager.default.currentDirectoryPath + "/" + options.mirrorDirectory
        }
        self.options = options
        self.folder = folder
        self.url = url
        self.progress = progress
        self.executor = GitThreadExecutor(name: "mooring-git")
    }

    deinit {
        executor.stop()
    }

    /// The full name of the tracked branch's ref, on the remote and in the mirror.
    public nonisolated var trackedReference: String { "refs/heads/\(options.branch)" }

    /// A folder inside the repository without `.` components; `..` is refused.
    static func normalizedFolder(_ path: String) throws(GitSourceError) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/") where component != "." {
            guard component != ".." else {
                throw GitSourceError(code: .invalidOptions, message: "the source path may not contain '..'", path: path)
            }
            components.append(component)
        }
        return components.joined(separator: "/")
    }

    /// Checks the remote's tracked branch and fetches only when it moved. An unchanged branch costs one
    /// connection that lists refs and downloads nothing. A deleted branch is `branchMissing`, never an empty
    /// result. The first poll clones; a mirror that cannot be opened or lacks objects is moved aside and
    /// cloned again.
    public func poll() throws(GitSourceError) -> PollResult {
        let (repository, movedAside) = try openMirror()
        let session = try RemoteSession(options: options, url: url, progress: progress)
        defer { record(session.requests) }
        let connection = try RemoteConnection(repository: repository, session: session)
        let reference = trackedReference
        let previous = repository.commit(ofReference: reference)
        guard let head = try connection.heads().first(where: { $0.name == reference }) else {
            throw GitSourceError(
                code: .branchMissing,
                message: "the remote has no branch '\(options.branch)': it was deleted or never pushed",
                remote: url.redacted,
                ref: reference
            )
        }
        var fetched = false
        if repository.target(ofReference: reference).map({ LibGit2.equal($0, head.oid) }) != true
            || !repository.hasObject(head.oid)
        {
            try connection.fetch(["+\(reference):\(reference)"])
            fetched = true
        }
        guard let current = repository.commit(ofReference: reference) else {
            throw GitSourceError(
                code: .git,
                message: "the branch '\(options.branch)' does not point at a commit",
                remote: url.redacted,
                ref: reference
            )
        }
        return PollResult(
            previous: previous,
            current: current,
            fetched: fetched,
            requests: session.requests,
            movedAsideMirror: movedAside
        )
    }

    /// The tracked branch's tip as the mirror holds it, without asking the remote.
    public func trackedTip() throws(GitSourceError) -> CommitID? {
        try openMirror().repository.commit(ofReference: trackedReference)
    }

    /// How many network requests of each operation and result this mirror has made.
    public func requestCounts() -> [GitRequest: Int] { counts }

    /// Counts `requests` here and in swift-metrics (`mooring_git_requests_total{op,result}`).
    func record(_ requests: [GitRequest]) {
        for request in requests {
            counts[request, default: 0] += 1
            Counter(
                label: "mooring_git_requests_total",
                dimensions: [("op", request.operation.rawValue), ("result", request.result)]
            )
            .increment()
        }
    }
}

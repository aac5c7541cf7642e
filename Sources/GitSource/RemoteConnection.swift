import CLibGit2
import Foundation

/// One connection to the remote on behalf of the mirror: list its refs, then download only what is asked.
/// The connection made to list refs is reused by the download, so a fetch costs one connection.
final class RemoteConnection {
    /// A ref the remote advertises.
    struct Head {
        var name: String
        var oid: git_oid
    }

    private let remote: OpaquePointer
    /// Kept alive for as long as the remote that points into it.
    private let repository: GitRepository
    let session: RemoteSession
    private var connected = false

    /// The remote is created without `url.<base>.insteadOf` rewriting: the configured URL is used as it is. In
    /// libgit2 1.5 that rewriting matches every config entry against a PCRE2 pattern and leaks the match data
    /// (about 100 KB per remote created, so per poll: a daemon's memory grew without end).
    init(repository: GitRepository, session: RemoteSession) throws(GitSourceError) {
        var remote: OpaquePointer?
        var options = git_remote_create_options()
        git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION))
        options.repository = repository.pointer
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue
        guard git_remote_create_with_opts(&remote, session.url.text, &options) == 0, let remote else {
            throw GitSourceError(
                code: .invalidURL,
                message: "libgit2 does not accept the source URL: \(LibGit2.lastError().message)",
                remote: session.url.redacted
            )
        }
        self.remote = remote
        self.repository = repository
        self.session = session
    }

    deinit {
        if connected {
            // Closing an SSH channel waits for the server: bound it like any other network call.
            let deadline = NetworkDeadline(timeout: .seconds(2))
            git_remote_disconnect(remote)
            deadline.finish()
        }
        git_remote_free(remote)
    }

    /// Connects (once) and lists the remote's refs, downloading no objects.
    func heads() throws(GitSourceError) -> [Head] {
        if !connected {
            var callbacks = session.callbacks()
            try session.perform(.lsRemote) { git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nil, nil) }
            connected = true
        }
        var list: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        guard git_remote_ls(&list, &count, remote) == 0 else {
            throw GitSourceError(
                code: .git,
                message: "cannot list the remote's refs: \(LibGit2.lastError().message)",
                remote: session.url.redacted
            )
        }
        guard let list, count > 0 else { return [] }
        return (0..<count).compactMap { index in
            guard let head = list[index], let name = head.pointee.name else { return nil }
            return Head(name: String(cString: name), oid: head.pointee.oid)
        }
    }

    /// Downloads what `refspecs` (`+src:dst`) need and updates the destination refs; tags are not followed.
    func fetch(_ refspecs: [String]) throws(GitSourceError) {
        var options = git_fetch_options()
        git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        options.callbacks = session.callbacks()
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        options.prune = GIT_FETCH_NO_PRUNE
        options.update_fetchhead = 0
        let strings = refspecs.map { strdup($0) }
        defer { for string in strings { free(string) } }
        try strings.withUnsafeBufferPointer { buffer throws(GitSourceError) in
            var array = git_strarray(strings: UnsafeMutablePointer(mutating: buffer.baseAddress), count: buffer.count)
            try session.perform(.fetch) {
                let downloaded = git_remote_download(remote, &array, &options)
                guard downloaded == 0 else { return downloaded }
                return git_remote_update_tips(
                    remote,
                    &options.callbacks,
                    0,
                    GIT_REMOTE_DOWNLOAD_TAGS_NONE,
                    "mooring: fetch"
                )
            }
        }
        connected = true
    }
}

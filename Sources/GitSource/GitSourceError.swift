/// A git operation that failed: the remote could not be reached or refused us, the mirror is broken,
/// or the commit cannot be read safely.
///
/// Messages name the remote (without any user information), the ref, the commit and the path in the
/// repository, never a credential: a token read from a file is scrubbed from every message libgit2 returns.
public struct GitSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Kinds of failure, extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The options are unusable (a relative state directory, ssh without a known_hosts file…).
        public static let invalidOptions = Code("invalid-options")
        /// The URL is malformed or carries a password or a user where none is allowed.
        public static let invalidURL = Code("invalid-url")
        /// The remote could not be reached: no route, connection refused, name not resolved, transport error.
        public static let unreachable = Code("unreachable")
        /// A network operation did not finish within the configured timeout.
        public static let timeout = Code("timeout")
        /// The remote refused the credentials, or none were configured where some are needed.
        public static let authentication = Code("authentication")
        /// The SSH host key is not in the known_hosts file, or differs from the one recorded there.
        public static let hostKeyRejected = Code("host-key-rejected")
        /// A credential file (SSH key, token, known_hosts) could not be read.
        public static let credentialFile = Code("credential-file")
        /// The tracked branch does not exist on the remote (deleted or never pushed).
        public static let branchMissing = Code("branch-missing")
        /// A ref or commit id given to `resolve(ref:)` names nothing on the remote or in the mirror.
        public static let refNotFound = Code("ref-not-found")
        /// A commit id that the mirror does not hold.
        public static let commitNotFound = Code("commit-not-found")
        /// The configured folder does not exist in the commit, or is not a folder.
        public static let pathMissing = Code("path-missing")
        /// A symbolic link that is absolute or points outside the configured folder.
        public static let symlinkEscape = Code("symlink-escape")
        /// A symbolic link whose target does not exist, points at a folder, or loops.
        public static let brokenSymlink = Code("broken-symlink")
        /// A submodule (gitlink) inside the configured folder.
        public static let submodule = Code("submodule")
        /// A file larger than the per-file limit.
        public static let fileTooLarge = Code("file-too-large")
        /// The files under the folder add up to more than the snapshot limit.
        public static let snapshotTooLarge = Code("snapshot-too-large")
        /// More files under the folder than the limit.
        public static let tooManyFiles = Code("too-many-files")
        /// A file or folder name that is not valid UTF-8.
        public static let invalidPathEncoding = Code("invalid-path-encoding")
        /// The mirror cannot be opened or lacks objects; it has been moved aside.
        public static let corruptMirror = Code("corrupt-mirror")
        /// A signature verifier (`ssh-keygen`, `gpg`) could not run to its end: missing, timed out, too much output.
        public static let verifierFailed = Code("verifier-failed")
        /// Any other libgit2 failure.
        public static let git = Code("git")

        public var description: String { name }
    }

    public var code: Code
    /// What went wrong and what to do about it.
    public var message: String
    /// The remote, as configured but without user information.
    public var remote: String?
    /// The ref involved, e.g. `refs/heads/main`.
    public var ref: String?
    /// The commit involved (hex id).
    public var commit: String?
    /// The path inside the repository, or the local file, involved.
    public var path: String?

    public init(
        code: Code,
        message: String,
        remote: String? = nil,
        ref: String? = nil,
        commit: String? = nil,
        path: String? = nil
    ) {
        self.code = code
        self.message = message
        self.remote = remote
        self.ref = ref
        self.commit = commit
        self.path = path
    }

    public var description: String {
        var context: [String] = []
        if let remote { context.append("remote \(remote)") }
        if let ref { context.append("ref \(ref)") }
        if let commit { context.append("commit \(commit)") }
        if let path { context.append("path \(path)") }
        let suffix = context.isEmpty ? "" : " (\(context.joined(separator: ", ")))"
        return "\(code): \(message)\(suffix)"
    }
}

import CLibGit2
import Foundation

/// What libgit2's remote callbacks need during one poll or resolve: credentials, the known hosts, the
/// deadline and the progress handler. It lives on the git thread only and is handed to the callbacks as an
/// unretained pointer, kept alive by the `RemoteConnection` that owns it.
final class RemoteSession {
    let url: RemoteURL
    let timeout: Duration
    private let sshKeyFile: String?
    private let tokenFile: String?
    private let tokenUser: String
    private let token: String?
    private let knownHosts: KnownHosts?
    private let progress: (@Sendable (TransferProgress) -> Void)?
    private var deadline: NetworkDeadline?
    /// A failure a callback diagnosed; it explains the error libgit2 returns better than libgit2 can.
    private var failure: GitSourceError?
    private var answeredCredentialTypes: UInt32 = 0
    private var lastProgressReport: ContinuousClock.Instant?
    /// Every network request made, in order, with its result.
    private(set) var requests: [GitRequest] = []

    init(
        options: GitSourceOptions,
        url: RemoteURL,
        progress: (@Sendable (TransferProgress) -> Void)?
    ) throws(GitSourceError) {
        self.url = url
        self.timeout = options.timeout
        self.progress = progress
        tokenUser = options.tokenUser
        sshKeyFile = url.transport == .ssh ? options.sshKeyFile : nil
        tokenFile = url.transport == .https ? options.tokenFile : nil
        if let sshKeyFile, !FileManager.default.isReadableFile(atPath: sshKeyFile) {
            throw GitSourceError(
                code: .credentialFile,
                message: "cannot read the SSH key file; check that it exists and is readable by this user",
                path: sshKeyFile
            )
        }
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw GitSourceError(
                    code: .credentialFile,
                    message: "cannot read the token file; check that it exists and is readable by this user",
                    path: tokenFile
                )
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            token = nil
        }
        if url.transport == .ssh, let file = options.knownHostsFile {
            knownHosts = try KnownHosts(contentsOf: file)
        } else {
            knownHosts = nil
        }
    }

    /// Callbacks whose payload is this session; valid while the session lives.
    func callbacks() -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, _, userFromURL, allowedTypes, payload in
            guard let out, let payload else { return GIT_EUSER.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.credentials(out, userFromURL: userFromURL.map { String(cString: $0) }, allowed: allowedTypes)
        }
        callbacks.certificate_check = { cert, _, _, payload in
            guard let cert, let payload else { return GIT_ECERTIFICATE.rawValue }
            return Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue().checkCertificate(cert)
        }
        callbacks.transfer_progress = { stats, payload in
            guard let stats, let payload else { return 0 }
            return Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue().transferProgress(stats.pointee)
        }
        callbacks.sideband_progress = { _, _, payload in
            guard let payload else { return 0 }
            return Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue().continueOrAbort()
        }
        return callbacks
    }

    /// Runs one network request under the timeout, records it, and turns a failure into a typed error.
    func perform(_ operation: GitRequest.Operation, _ body: () -> Int32) throws(GitSourceError) {
        failure = nil
        var onExpiry: (@Sendable () -> Void)?
        if url.transport == .ssh {
            // libgit2 retries the SSH handshake after an interrupted wait: end it by shutting the socket down.
            let (before, port) = (ConnectedSockets.current(), url.port ?? 22)
            onExpiry = { ConnectedSockets.shutDownNew(since: before, port: port) }
        }
        let deadline = NetworkDeadline(timeout: timeout, onExpiry: onExpiry)
        self.deadline = deadline
        let result = body()
        let lastError = result < 0 ? LibGit2.lastError() : nil
        deadline.finish()
        self.deadline = nil
        guard let lastError else {
            requests.append(GitRequest(operation: operation, result: "success"))
            return
        }
        let error = self.error(operation, result: result, lastError: lastError, expired: deadline.hasExpired)
        requests.append(GitRequest(operation: operation, result: error.code.description))
        throw error
    }

    private func error(
        _ operation: GitRequest.Operation,
        result: Int32,
        lastError: (message: String, errorClass: Int32),
        expired: Bool
    ) -> GitSourceError {
        let what = operation == .lsRemote ? "listing the remote's refs" : "fetching from the remote"
        if expired {
            return GitSourceError(
                code: .timeout,
                message: "\(what) did not finish within the timeout (\(timeout)); the remote is slow or not answering",
                remote: url.redacted
            )
        }
        if let failure { return failure }
        let networkClasses = [GIT_ERROR_NET, GIT_ERROR_SSH, GIT_ERROR_HTTP, GIT_ERROR_SSL, GIT_ERROR_OS]
            .map { Int32($0.rawValue) }
        let code: GitSourceError.Code =
            result == GIT_EAUTH.rawValue
            ? .authentication
            : networkClasses.contains(lastError.errorClass) || result == GIT_ENOTFOUND.rawValue
                || result == GIT_ECERTIFICATE.rawValue ? .unreachable : .git
        return GitSourceError(code: code, message: "\(what) failed: \(scrub(lastError.message))", remote: url.redacted)
    }

    /// libgit2's messages never contain the token, but make sure of it.
    private func scrub(_ message: String) -> String {
        guard let token, !token.isEmpty else { return message }
        return message.replacingOccurrences(of: token, with: "<redacted>")
    }

    private func continueOrAbort() -> Int32 {
        deadline?.hasExpired == true ? GIT_EUSER.rawValue : 0
    }

    private func transferProgress(_ stats: git_indexer_progress) -> Int32 {
        if let progress {
            let now = ContinuousClock.now
            let done = stats.received_objects == stats.total_objects && stats.indexed_objects == stats.total_objects
            if done || lastProgressReport.map({ now - $0 >= .milliseconds(100) }) ?? true {
                lastProgressReport = now
                progress(
                    TransferProgress(
                        receivedObjects: Int(stats.received_objects),
                        totalObjects: Int(stats.total_objects),
                        indexedObjects: Int(stats.indexed_objects),
                        receivedBytes: stats.received_bytes
                    )
                )
            }
        }
        return continueOrAbort()
    }

    /// Answers each kind of credential once: libgit2 asks again after a rejection, and would loop.
    private func credentials(
        _ out: UnsafeMutablePointer<OpaquePointer?>,
        userFromURL: String?,
        allowed: UInt32
    ) -> Int32 {
        let user = url.user ?? userFromURL ?? "git"
        func once(_ type: git_credential_t, refused: String, _ make: () -> Int32) -> Int32 {
            if answeredCredentialTypes & type.rawValue != 0 {
                failure = GitSourceError(code: .authentication, message: refused, remote: url.redacted)
                return GIT_EAUTH.rawValue
            }
            answeredCredentialTypes |= type.rawValue
            return make()
        }
        if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
            return once(GIT_CREDENTIAL_USERNAME, refused: "the remote refused the user name '\(user)'") {
                git_credential_username_new(out, user)
            }
        }
        if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
            guard let sshKeyFile else {
                failure = GitSourceError(
                    code: .authentication,
                    message: "the remote asks for an SSH key; configure sshKeyFile",
                    remote: url.redacted
                )
                return GIT_EAUTH.rawValue
            }
            return once(
                GIT_CREDENTIAL_SSH_KEY,
                refused: "the remote refused the SSH key in \(sshKeyFile) for user '\(user)'"
            ) {
                git_credential_ssh_key_new(out, user, nil, sshKeyFile, nil)
            }
        }
        if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 {
            guard let token, let tokenFile else {
                failure = GitSourceError(
                    code: .authentication,
                    message: "the remote asks for credentials; configure tokenFile (https only)",
                    remote: url.redacted
                )
                return GIT_EAUTH.rawValue
            }
            return once(GIT_CREDENTIAL_USERPASS_PLAINTEXT, refused: "the remote refused the token in \(tokenFile)") {
                git_credential_userpass_plaintext_new(out, tokenUser, token)
            }
        }
        failure = GitSourceError(
            code: .authentication,
            message: "the remote asks for a kind of authentication Mooring does not support",
            remote: url.redacted
        )
        return GIT_EAUTH.rawValue
    }

    /// SSH host keys must be in the known_hosts file; TLS certificates are left to libgit2's own check.
    private func checkCertificate(_ cert: UnsafeMutablePointer<git_cert>) -> Int32 {
        guard cert.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 else { return GIT_PASSTHROUGH.rawValue }
        let name = url.knownHostsName
        func reject(_ message: String) -> Int32 {
            failure = GitSourceError(code: .hostKeyRejected, message: message, remote: url.redacted)
            return GIT_ECERTIFICATE.rawValue
        }
        guard let knownHosts else {
            return reject("no knownHostsFile is configured, so the host key of \(name) cannot be checked")
        }
        let hostKey = UnsafeRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self).pointee
        guard hostKey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostKey.hostkey else {
            return reject("the SSH library did not hand over the host key of \(name), so it cannot be checked")
        }
        let key = Array(UnsafeRawBufferPointer(start: raw, count: hostKey.hostkey_len))
        switch knownHosts.verdict(for: name, key: key) {
        case .accepted:
            return 0
        case .unknownHost:
            return reject(
                "the host key of \(name) is not in \(knownHosts.file); check its fingerprint and add it "
                    + "(ssh-keyscan output)"
            )
        case .keyMismatch:
            return reject(
                "the host key of \(name) differs from the one in \(knownHosts.file): the key changed, "
                    + "or someone is intercepting the connection"
            )
        case .revoked:
            return reject("the host key of \(name) is marked @revoked in \(knownHosts.file)")
        }
    }
}

public import Foundation
import KubeSim

#if canImport(Glibc)
import Glibc
#endif

/// A real OpenSSH server on 127.0.0.1 and a free port, with its own configuration, host key and authorized
/// client key, all under `directory`; it serves git over SSH to the current user. `stop()` ends it.
///
/// When the tests run as root, sshd needs its privilege-separation folder `/run/sshd`; it is created if absent.
public final class SSHServer: @unchecked Sendable {
    public let port: Int
    /// The private key the server accepts (ed25519, no passphrase).
    public let clientKey: URL
    /// The server's public host key line (`ssh-ed25519 AAAA…`).
    public let hostPublicKey: String
    /// The user to log in as: the one running the tests.
    public let user: String
    private let process: SpawnedProcess
    private let log: URL

    public init(directory: URL) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try freeLoopbackPort()
        user = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "root"
        let hostKey = directory.appendingPathComponent("host_ed25519")
        clientKey = directory.appendingPathComponent("client_ed25519")
        log = directory.appendingPathComponent("sshd.log")
        for key in [hostKey, clientKey] {
            try run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "mooring-test", "-f", key.path])
        }
        hostPublicKey = try String(contentsOf: hostKey.appendingPathExtension("pub"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let authorizedKeys = directory.appendingPathComponent("authorized_keys")
        try FileManager.default.copyItem(at: clientKey.appendingPathExtension("pub"), to: authorizedKeys)
        let config = directory.appendingPathComponent("sshd_config")
        try """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(hostKey.path)
        PidFile \(directory.appendingPathComponent("sshd.pid").path)
        AuthorizedKeysFile \(authorizedKeys.path)
        StrictModes no
        UsePAM no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        PermitRootLogin prohibit-password
        LogLevel VERBOSE

        """.write(to: config, atomically: true, encoding: .utf8)
        if getuid() == 0 {
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        }
        process = try SpawnedProcess(["/usr/sbin/sshd", "-D", "-f", config.path, "-E", log.path])
        let port = self.port
        try await waitUntil("sshd to accept connections on port \(port)") { loopbackPortAccepts(port) }
    }

    /// A known_hosts line for this server: `[127.0.0.1]:<port> ssh-ed25519 AAAA…`.
    public var knownHostsLine: String { "[127.0.0.1]:\(port) \(hostPublicKey)" }

    /// `ssh://<user>@127.0.0.1:<port><absolute path>`
    public func url(_ absolutePath: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(absolutePath)" }

    /// What sshd logged, for failure messages.
    public var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    public func stop() { process.stop() }
}

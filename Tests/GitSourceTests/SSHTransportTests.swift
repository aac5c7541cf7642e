import Foundation
import GitSource
import TestSupport
import Testing

@Suite("Git over SSH against a real sshd on 127.0.0.1")
struct SSHTransportTests {
    private struct Setup {
        var repository: GitTestRepository
        var server: SSHServer
        var directory: URL

        func options(knownHosts: String, key: String? = nil) throws -> GitSourceOptions {
            let file = directory.appendingPathComponent("known_hosts-\(UUID().uuidString.prefix(6))")
            try knownHosts.write(to: file, atomically: true, encoding: .utf8)
            return GitSourceTests.options(
                url: server.url(repository.bare.path),
                in: directory,
                sshKeyFile: key ?? server.clientKey.path,
                knownHostsFile: file.path
            )
        }
    }

    private func withServer(_ body: (Setup) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let server = try await SSHServer(directory: directory.appendingPathComponent("sshd"))
            defer { server.stop() }
            try await body(Setup(repository: repository, server: server, directory: directory))
        }
    }

    @Test("a host whose key is in known_hosts is accepted, and the key file authenticates")
    func knownHostAccepted() async throws {
        try await withServer { setup in
            let mirror = try GitMirror(options: setup.options(knownHosts: setup.server.knownHostsLine + "\n"))
            let poll = try await mirror.poll()
            #expect(poll.fetched)
            #expect(poll.current.hex == (try setup.repository.git("rev-parse", "HEAD")))
            let again = try await mirror.poll()
            #expect(!again.fetched)
        }
    }

    @Test("a hashed known_hosts entry is accepted")
    func hashedKnownHost() async throws {
        try await withServer { setup in
            let file = setup.directory.appendingPathComponent("hashed_known_hosts")
            try (setup.server.knownHostsLine + "\n").write(to: file, atomically: true, encoding: .utf8)
            try run(["ssh-keygen", "-q", "-H", "-f", file.path])
            let hashed = try String(contentsOf: file, encoding: .utf8)
            #expect(hashed.hasPrefix("|1|"))
            let mirror = try GitMirror(options: setup.options(knownHosts: hashed))
            #expect(try await mirror.poll().fetched)
        }
    }

    @Test("an unknown host is refused")
    func unknownHostRefused() async throws {
        try await withServer { setup in
            let other = "[git.example.com]:22 \(setup.server.hostPublicKey)\n"
            let mirror = try GitMirror(options: setup.options(knownHosts: other))
            let error = try await #require(throws: GitSourceError.self) { try await mirror.poll() }
            #expect(error.code == .hostKeyRejected)
            #expect(error.message.contains("not in"))
        }
    }

    @Test("a changed host key is refused")
    func changedHostKeyRefused() async throws {
        try await withServer { setup in
            let key = setup.directory.appendingPathComponent("impostor").path
            try run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key])
            let impostor = try String(contentsOfFile: key + ".pub", encoding: .utf8)
            let mirror = try GitMirror(
                options: setup.options(knownHosts: "[127.0.0.1]:\(setup.server.port) \(impostor)")
            )
            let error = try await #require(throws: GitSourceError.self) { try await mirror.poll() }
            #expect(error.code == .hostKeyRejected)
            #expect(error.message.contains("differs"))
        }
    }

    @Test("a key the server does not accept is an authentication error that does not quote the key")
    func wrongKeyRefused() async throws {
        try await withServer { setup in
            let key = setup.directory.appendingPathComponent("stranger").path
            try run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key])
            let mirror = try GitMirror(options: setup.options(knownHosts: setup.server.knownHostsLine, key: key))
            let error = try await #require(throws: GitSourceError.self) { try await mirror.poll() }
            #expect(error.code == .authentication)
            let privateKey = try String(contentsOfFile: key, encoding: .utf8)
            let body = privateKey.split(separator: "\n").dropFirst().first.map(String.init) ?? privateKey
            #expect(!"\(error)".contains(body))
        }
    }
}

import Foundation
import GitSource
import TestSupport
import Testing

@Suite("Remotes that fail, and URLs that carry credentials")
struct RemoteFailureTests {
    @Test(
        "a remote that accepts and never answers ends in a timeout error within the timeout",
        .timeLimit(.minutes(1)),
        arguments: ["git", "ssh", "https"]
    )
    func hangingRemote(scheme: String) async throws {
        try await withTemporaryDirectory { directory in
            let listener = try SilentTCPListener()
            let knownHosts = directory.appendingPathComponent("known_hosts")
            try "".write(to: knownHosts, atomically: true, encoding: .utf8)
            let mirror = try GitMirror(
                options: options(
                    url: "\(scheme)://127.0.0.1:\(listener.port)/remote.git",
                    in: directory,
                    timeout: .seconds(1),
                    knownHostsFile: knownHosts.path
                )
            )
            let started = ContinuousClock.now
            let error = try await #require(throws: GitSourceError.self) { try await mirror.poll() }
            #expect(error.code == .timeout)
            // The clock runs on the test's side: a loaded machine can stall the test pool for many
            // seconds, so the bound is generous; a hang fails the time limit above.
            #expect(ContinuousClock.now - started < .seconds(45))
            #expect(await mirror.requestCounts() == [GitRequest(operation: .lsRemote, result: "timeout"): 1])
        }
    }

    @Test("an HTTPS remote that never answers ends in a timeout error, and the token is nowhere in it")
    func hangingHTTPSRemoteWithToken() async throws {
        try await withTemporaryDirectory { directory in
            let listener = try SilentTCPListener()
            let token = "s3cr3t-token-0123456789"
            let tokenFile = directory.appendingPathComponent("token").path
            try "\(token)\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
            let mirror = try GitMirror(
                options: options(
                    url: "https://127.0.0.1:\(listener.port)/ml/deploy.git",
                    in: directory,
                    timeout: .seconds(1),
                    tokenFile: tokenFile
                )
            )
            let error = try await #require(throws: GitSourceError.self) { try await mirror.poll() }
            #expect(error.code == .timeout)
            #expect(!"\(error)".contains(token))
            #expect(!error.message.contains(token))
        }
    }

    @Test("a port nobody listens on is reported as unreachable")
    func refusedConnection() async throws {
        try await withTemporaryDirectory { directory in
            let port = try freeLoopbackPort()
            let mirror = try GitMirror(options: options(url: "git://127.0.0.1:\(port)/remote.git", in: directory))
            let error = try await #require(throws: GitSourceError.self) { try await mirror.poll() }
            #expect(error.code == .unreachable)
            #expect(error.remote == "git://127.0.0.1:\(port)/remote.git")
        }
    }

    @Test("a local path that is not a repository is reported as unreachable")
    func missingLocalRepository() async throws {
        try await withTemporaryDirectory { directory in
            let mirror = try GitMirror(options: options(url: directory.path + "/nothing-here.git", in: directory))
            let error = try await #require(throws: GitSourceError.self) { try await mirror.poll() }
            #expect(error.code == .unreachable)
        }
    }

    @Test(
        "a URL carrying a password is rejected without repeating it",
        arguments: [
            "https://deploy:hunter2@git.example.com/ml/deploy.git",
            "ssh://git:hunter2@git.example.com/ml/deploy.git",
            "git:hunter2@git.example.com:ml/deploy.git",
            "http://:hunter2@git.example.com/ml/deploy.git",
        ]
    )
    func passwordInURL(url: String) async throws {
        let error = try #require(throws: GitSourceError.self) {
            try GitMirror(
                options: GitSourceOptions(url: url, knownHostsFile: "/dev/null", mirrorDirectory: "/tmp/unused")
            )
        }
        #expect(error.code == .invalidURL)
        #expect(!"\(error)".contains("hunter2"))
        #expect(error.message.contains("password"))
    }

    @Test("a user name is rejected outside SSH and accepted in an SSH URL")
    func userInURL() async throws {
        let error = try #require(throws: GitSourceError.self) {
            try GitMirror(
                options: GitSourceOptions(url: "https://deploy@git.example.com/x.git", mirrorDirectory: "/tmp/unused")
            )
        }
        #expect(error.code == .invalidURL)
        #expect(!"\(error)".contains("deploy@"))
        for url in ["ssh://git@git.example.com:2222/ml/deploy.git", "git@git.example.com:ml/deploy.git"] {
            _ = try GitMirror(
                options: GitSourceOptions(url: url, knownHostsFile: "/dev/null", mirrorDirectory: "/tmp/unused")
            )
        }
    }

    @Test("an SSH remote without a known_hosts file is refused before connecting")
    func sshNeedsKnownHosts() async throws {
        let error = try #require(throws: GitSourceError.self) {
            try GitMirror(
                options: GitSourceOptions(url: "ssh://git@git.example.com/x.git", mirrorDirectory: "/tmp/unused")
            )
        }
        #expect(error.code == .invalidOptions)
        #expect(error.message.contains("knownHostsFile"))
    }
}

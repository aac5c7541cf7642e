import Foundation
import TestSupport
import Testing

@testable import GitSource

@Suite("known_hosts entries")
struct KnownHostsTests {
    /// An ed25519 public key as known_hosts holds it (base64 of the SSH wire format); made up, it is never used.
    private static let key = "AAAAC3NzaC1lZDI1NTE5AAAAIE1vb3JpbmcgdGVzdCBob3N0IGtleTogMzIgYnl0ZXMh"

    private static func blob(_ base64: String) throws -> [UInt8] {
        Array(try #require(Data(base64Encoded: base64)))
    }

    /// The host pattern `|1|salt|hash` for `salt` and the HMAC `hmac` (hex), as OpenSSH writes it.
    private static func hashed(salt: [UInt8], hmac: String) -> String {
        var bytes: [UInt8] = []
        var hex = Substring(hmac)
        while !hex.isEmpty {
            bytes.append(UInt8(hex.prefix(2), radix: 16) ?? 0)
            hex = hex.dropFirst(2)
        }
        return "|1|\(Data(salt).base64EncodedString())|\(Data(bytes).base64EncodedString())"
    }

    @Test(
        "a hashed entry matches by HMAC-SHA-1 of the host name, as RFC 2202 computes it",
        arguments: [
            // RFC 2202, test case 2: a key shorter than a block.
            (Array("Jefe".utf8), "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
            // RFC 2202, test case 6: a key longer than a block, hashed first.
            (
                [UInt8](repeating: 0xAA, count: 80), "Test Using Larger Than Block-Size Key - Hash Key First",
                "aa4ae5e15272d00e95705637ce8a3b55ed402112"
            ),
        ]
    )
    func rfc2202(salt: [UInt8], name: String, hmac: String) throws {
        let hosts = KnownHosts(text: "\(Self.hashed(salt: salt, hmac: hmac)) ssh-ed25519 \(Self.key)\n", file: "test")
        #expect(hosts.verdict(for: name, key: try Self.blob(Self.key)) == .accepted)
        #expect(hosts.verdict(for: name + " ", key: try Self.blob(Self.key)) == .unknownHost)
    }

    @Test("an entry hashed by ssh-keygen -H matches its host and port, and no other")
    func hashedByOpenSSH() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("known_hosts")
            try "[127.0.0.1]:2222 ssh-ed25519 \(Self.key)\n".write(to: file, atomically: true, encoding: .utf8)
            try run(["ssh-keygen", "-q", "-H", "-f", file.path])
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.hasPrefix("|1|"))
            let hosts = KnownHosts(text: text, file: file.path)
            let key = try Self.blob(Self.key)
            #expect(hosts.verdict(for: "[127.0.0.1]:2222", key: key) == .accepted)
            #expect(hosts.verdict(for: "[127.0.0.1]:2223", key: key) == .unknownHost)
            #expect(hosts.verdict(for: "[127.0.0.1]:2222", key: key.reversed()) == .keyMismatch)
        }
    }
}

import Crypto
import Foundation

/// The host keys in an OpenSSH known_hosts file: plain, `[host]:port`, wildcard and hashed (`|1|…`) host
/// patterns, and `@revoked` keys. `@cert-authority` lines are skipped (host certificates are not supported).
struct KnownHosts: Sendable {
    private struct Entry: Sendable {
        var patterns: [String]
        var key: [UInt8]
        var revoked: Bool
    }

    /// Why a host key was not accepted.
    enum Verdict: Equatable, Sendable {
        case accepted
        case unknownHost
        case keyMismatch
        case revoked
    }

    private let entries: [Entry]
    let file: String

    /// Reads `file`; throws `credentialFile` when it cannot be read.
    init(contentsOf file: String) throws(GitSourceError) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw GitSourceError(
                code: .credentialFile,
                message: "cannot read the known_hosts file; check that it exists and is readable",
                path: file
            )
        }
        self.init(text: String(decoding: data, as: UTF8.self), file: file)
    }

    init(text: String, file: String) {
        self.file = file
        var entries: [Entry] = []
        for line in text.split(whereSeparator: \.isNewline) {
            var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            var revoked = false
            if first.hasPrefix("@") {
                guard first == "@revoked" else { continue }
                revoked = true
                fields.removeFirst()
            }
            guard fields.count >= 3, let key = Data(base64Encoded: fields[2]) else { continue }
            entries.append(
                Entry(patterns: fields[0].split(separator: ",").map(String.init), key: Array(key), revoked: revoked)
            )
        }
        self.entries = entries
    }

    /// Checks `key` (the SSH wire-format public key blob the server presented) for the host `name`
    /// (`host`, or `[host]:port` off port 22).
    func verdict(for name: String, key: [UInt8]) -> Verdict {
        let matching = entries.filter { Self.matches(name, patterns: $0.patterns) }
        if matching.contains(where: { $0.revoked && $0.key == key }) { return .revoked }
        if matching.contains(where: { !$0.revoked && $0.key == key }) { return .accepted }
        return matching.contains(where: { !$0.revoked }) ? .keyMismatch : .unknownHost
    }

    private static func matches(_ name: String, patterns: [String]) -> Bool {
        var matched = false
        for pattern in patterns {
            if pattern.hasPrefix("!") {
                if glob(String(pattern.dropFirst()), name) { return false }
            } else if pattern.hasPrefix("|1|") {
                if hashedMatch(pattern, name) { matched = true }
            } else if glob(pattern, name) {
                matched = true
            }
        }
        return matched
    }

    private static func hashedMatch(_ pattern: String, _ name: String) -> Bool {
        let parts = pattern.dropFirst(3).split(separator: "|")
        guard parts.count == 2, let salt = Data(base64Encoded: String(parts[0])),
            let hash = Data(base64Encoded: String(parts[1]))
        else { return false }
        // OpenSSH hashes host names with HMAC-SHA-1 (`ssh-keygen -H`); SHA-1 is all the format offers.
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: Array(name.utf8), using: SymmetricKey(data: salt))
        return Array(code) == Array(hash)
    }

    /// OpenSSH's `*` and `?` wildcards, case-insensitive.
    private static func glob(_ pattern: String, _ name: String) -> Bool {
        let pattern = Array(pattern.lowercased().utf8)
        let name = Array(name.lowercased().utf8)
        var (p, n) = (0, 0)
        var star: (p: Int, n: Int)?
        while n < name.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == name[n] {
                p += 1
                n += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = (p, n)
                p += 1
            } else if let previous = star {
                p = previous.p + 1
                n = previous.n + 1
                star = (previous.p, previous.n + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}

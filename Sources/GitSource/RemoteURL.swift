import Foundation

/// A remote location, checked before libgit2 sees it: credentials belong in files, never in the URL.
struct RemoteURL: Sendable, Hashable {
    enum Transport: String, Sendable {
        case ssh, https, http, git, file, local
    }

    let transport: Transport
    /// The text handed to libgit2 (the configured URL, which carries no password).
    let text: String
    let host: String?
    let port: Int?
    /// The user of an SSH URL (`git` in `ssh://git@host/repo`).
    let user: String?
    /// The URL without any user information, for messages.
    let redacted: String

    /// Parses `text`; throws `invalidURL` for a password anywhere, a user outside SSH, or an unknown scheme.
    /// The message never repeats the user information.
    init(_ text: String) throws(GitSourceError) {
        self.text = text
        guard !text.isEmpty else {
            throw GitSourceError(code: .invalidURL, message: "the source URL is empty")
        }
        if let separator = text.range(of: "://") {
            let scheme = text[..<separator.lowerBound].lowercased()
            let rest = text[separator.upperBound...]
            let authority = rest.prefix { $0 != "/" }
            let pathPart = rest.dropFirst(authority.count)
            var hostPort = Substring(authority)
            var userInfo: Substring?
            if let at = authority.lastIndex(of: "@") {
                userInfo = authority[..<at]
                hostPort = authority[authority.index(after: at)...]
            }
            let redacted = "\(scheme)://\(hostPort)\(pathPart)"
            guard let transport = Transport(rawValue: scheme), transport != .local else {
                throw GitSourceError(
                    code: .invalidURL,
                    message: "unsupported URL scheme '\(scheme)'; use ssh, https, http, git or file",
                    remote: redacted
                )
            }
            if let userInfo {
                if userInfo.contains(":") {
                    throw GitSourceError(
                        code: .invalidURL,
                        message: "the source URL carries a password; remove it and configure "
                            + (transport == .ssh ? "sshKeyFile" : "tokenFile") + " instead",
                        remote: redacted
                    )
                }
                if transport != .ssh {
                    throw GitSourceError(
                        code: .invalidURL,
                        message: "the source URL carries a user name; remove it"
                            + (transport == .https || transport == .http ? " and configure tokenFile instead" : ""),
                        remote: redacted
                    )
                }
            }
            let (host, port) = try Self.splitHostPort(hostPort, redacted: redacted)
            if transport != .file, host.isEmpty {
                throw GitSourceError(code: .invalidURL, message: "the source URL has no host", remote: redacted)
            }
            self.transport = transport
            self.host = host.isEmpty ? nil : host
            self.port = port
            self.user = userInfo.map(String.init)
            self.redacted = transport == .ssh && userInfo != nil ? text : redacted
        } else if let scp = Self.scpLike(text) {
            if scp.user?.contains(":") == true {
                throw GitSourceError(
                    code: .invalidURL,
                    message: "the source URL carries a password; remove it and configure sshKeyFile instead",
                    remote: "\(scp.host):\(scp.path)"
                )
            }
            transport = .ssh
            host = scp.host
            port = nil
            user = scp.user
            redacted = text
        } else {
            transport = .local
            host = nil
            port = nil
            user = nil
            redacted = text
        }
    }

    /// The name under which a host key is recorded in known_hosts: `host`, or `[host]:port` off port 22.
    var knownHostsName: String {
        let name = host ?? ""
        guard let port, port != 22 else { return name }
        return "[\(name)]:\(port)"
    }

    private static func splitHostPort(
        _ hostPort: Substring,
        redacted: String
    ) throws(GitSourceError) -> (String, Int?) {
        var host = hostPort
        var portText: Substring?
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            portText = hostPort[hostPort.index(after: colon)...]
        }
        guard let portText, !portText.isEmpty else { return (String(host), nil) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw GitSourceError(
                code: .invalidURL,
                message: "the port '\(portText)' is not a number from 1 to 65535",
                remote: redacted
            )
        }
        return (String(host), port)
    }

    /// `[user@]host:path`, as git reads it: a colon before any slash.
    private static func scpLike(_ text: String) -> (user: String?, host: String, path: String)? {
        let head = text.prefix { $0 != "/" }
        var user: String?
        var hostAndPath = Substring(text)
        if let at = head.lastIndex(of: "@") {
            user = String(head[..<at])
            hostAndPath = text[text.index(after: at)...]
        }
        guard let colon = hostAndPath.firstIndex(of: ":") else { return nil }
        let host = hostAndPath[..<colon]
        guard !host.isEmpty, !host.contains("/") else { return nil }
        return (user, String(host), String(hostAndPath[hostAndPath.index(after: colon)...]))
    }
}

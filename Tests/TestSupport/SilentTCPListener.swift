import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket on 127.0.0.1 that listens and never answers: the kernel completes each connection
/// (within the backlog) but nothing is ever read or sent, like a hung server.
public final class SilentTCPListener: @unchecked Sendable {
    public let port: Int
    private let descriptor: Int32

    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        self.descriptor = descriptor
        do {
            port = try bindToLoopback(descriptor)
        } catch {
            close(descriptor)
            throw error
        }
        guard listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
    }

    /// Whether a connection waits in the backlog: a client has connected, and nothing will answer it.
    public var hasPendingConnection: Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 1
    }

    deinit { close(descriptor) }
}

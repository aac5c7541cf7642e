import Foundation
import Glibc

/// The process's open TCP sockets and the ports they are connected to, read from `/proc/self/fd`.
///
/// libgit2 1.5's SSH transport retries the libssh2 handshake and authentication for as long as libssh2
/// reports a timeout or an interrupted wait, so the deadline's signal cannot end them; shutting down the
/// socket can. libgit2 does not expose that socket, so the deadline finds it here: a socket opened since
/// the operation started and connected to the remote's port.
enum ConnectedSockets {
    /// Descriptor → peer port of every connected IPv4 or IPv6 socket.
    static func current() -> [Int32: Int] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return [:] }
        var sockets: [Int32: Int] = [:]
        for name in names {
            guard let descriptor = Int32(name) else { continue }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK else { continue }
            if let port = peerPort(descriptor) { sockets[descriptor] = port }
        }
        return sockets
    }

    /// Shuts down (without closing) the sockets connected to `port` that are not in `before`.
    static func shutDownNew(since before: [Int32: Int], port: Int) {
        for (descriptor, peer) in current() where peer == port && before[descriptor] != port {
            shutdown(descriptor, Int32(SHUT_RDWR))
        }
    }

    private static func peerPort(_ descriptor: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(descriptor, $0, &length) }
        }
        guard named == 0 else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
        default:
            return nil
        }
    }
}

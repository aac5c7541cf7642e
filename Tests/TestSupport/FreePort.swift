import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The ports ``freeLoopbackPort()`` handed out in this process, so none is handed out twice.
private let handedOut = Mutex<Set<Int>>([])

/// A TCP port on 127.0.0.1 that is free now and stays so unless a test binds it: one below Linux's ephemeral range
/// (32768 and up), so that no client connection's source port — thousands of kubectl and git calls when tests run
/// side by side — and no port-0 listener takes it before the server it is for binds it, and never handed out twice
/// in this process.
public func freeLoopbackPort() throws -> Int {
    for _ in 0..<1000 {
        let port = Int.random(in: 20000..<32768)
        guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(descriptor) }
        if (try? bindToLoopback(descriptor, port: port)) != nil { return port }
    }
    throw POSIXError(.EADDRINUSE)
}

/// Binds a TCP socket to 127.0.0.1:`port` (0: a port the kernel picks), and returns the port bound.
func bindToLoopback(_ descriptor: Int32, port: Int = 0) throws -> Int {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    guard named == 0 else { throw POSIXError(.EINVAL) }
    return Int(UInt16(bigEndian: address.sin_port))
}

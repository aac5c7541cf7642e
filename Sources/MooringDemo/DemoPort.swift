import Glibc

/// A TCP port on 127.0.0.1 for a server the demo starts.
enum DemoPort {
    /// A port free now: the kernel picks it for a socket bound to port 0, which is then closed for the server to bind.
    static func free() throws(DemoError) -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw failure("socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard named else { throw failure("bind") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func failure(_ call: String) -> DemoError {
        DemoError(
            code: .stepFailed,
            message: "could not find a free port on 127.0.0.1 (\(call): \(String(cString: strerror(errno)))); "
                + "check that the loopback interface is up"
        )
    }
}

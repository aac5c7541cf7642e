import Glibc

/// `sd_notify(3)` without libsystemd: a datagram to `$NOTIFY_SOCKET` (a path, or `@name` for the
/// abstract namespace). Does nothing when Mooring is not run by systemd with `Type=notify`.
public struct SystemdNotifier: Sendable {
    private let socketPath: [UInt8]?
    /// How often systemd wants `WATCHDOG=1` at the latest (`WatchdogSec=`, passed as `$WATCHDOG_USEC`), when it
    /// watches this process (`$WATCHDOG_PID`, when set, is this process), as `sd_watchdog_enabled(3)` reads it.
    public let watchdogTimeout: Duration?

    /// A notifier for the socket named by `environment["NOTIFY_SOCKET"]`.
    public init(environment: [String: String]) {
        let microseconds = environment["WATCHDOG_USEC"].flatMap { Int64($0) } ?? 0
        let pid = environment["WATCHDOG_PID"].flatMap { Int32($0) }
        let watched = microseconds > 0 && (pid == nil || pid == getpid())
        watchdogTimeout = watched ? .microseconds(microseconds) : nil
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty else {
            socketPath = nil
            return
        }
        var bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        socketPath = bytes
    }

    /// Sends `state` (`READY=1`, `STATUS=…`, `WATCHDOG=1`, `STOPPING=1`); failures are ignored, as sd_notify's are.
    public func notify(_ state: String) {
        guard let path = socketPath else { return }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.enumerated() { buffer[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count)
        let message = Array(state.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, 0, socketAddress, length) }
            }
        }
    }
}

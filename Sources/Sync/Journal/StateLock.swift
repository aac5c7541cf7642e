import Glibc

/// An exclusive lock on the state directory (`flock(2)` on `<stateDir>/lock`), held for one sync or preview at a
/// time, so that a `mooring sync` or `mooring diff` run by hand and the daemon on the same host take turns on the
/// mirror and the journal instead of writing them together. The holder writes its pid into the file, so whoever
/// waits can say for whom. The kernel drops the lock when its holder dies: a killed sync never leaves it behind.
struct StateLock {
    private let descriptor: Int32

    /// Takes the lock, waiting for its holder at most `timeout`; `waiting` is called once, with the holder's pid,
    /// if the lock is busy. Cancelling the calling task stops the wait.
    static func acquire(
        in directory: String,
        timeout: Duration,
        waiting: @Sendable (_ holder: String) -> Void
    ) async throws(SyncError) -> StateLock {
        let path = directory + "/lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SyncError(
                code: .journal,
                message:
                    "\(path) cannot be opened (\(String(cString: strerror(errno)))); the state directory must be writable"
            )
        }
        let deadline = ContinuousClock.now + timeout
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.holder(descriptor)
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(descriptor)
                throw SyncError(
                    code: .journal,
                    message: "\(path) is still held by Mooring \(holder) after \(timeout.components.seconds)s; "
                        + "is a sync stuck there? Check `mooring status` or that process"
                )
            }
            if !announced {
                waiting(holder)
                announced = true
            }
            do {
                try await Task.sleep(for: .milliseconds(100))
            } catch {
                close(descriptor)
                throw SyncError(code: .journal, message: "stopped waiting for \(path), held by Mooring \(holder)")
            }
        }
        let pid = Array("pid \(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 { _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) } }
        return StateLock(descriptor: descriptor)
    }

    /// Lets the next one in (the pid is cleared first, so it never names a process that let go).
    func release() {
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }

    /// What the holder wrote into the lock file (`pid N`), or `another process` when it wrote nothing yet.
    private static func holder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        let text = count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.hasPrefix("pid ") ? "(\(line))" : "(another process)"
    }
}

import Synchronization

/// Every request received, in order.
final class RequestLog: Sendable {
    private let entries = Mutex<[KubeSimRequest]>([])
    private let offset = Mutex(0)

    /// Appends a request and returns its position.
    func append(_ request: KubeSimRequest) -> Int {
        let base = offset.withLock { $0 }
        return entries.withLock { entries in
            entries.append(request)
            return base + entries.count - 1
        }
    }

    func setStatus(_ status: Int, of position: Int) {
        let base = offset.withLock { $0 }
        entries.withLock { entries in
            let index = position - base
            if entries.indices.contains(index) { entries[index].status = status }
        }
    }

    var all: [KubeSimRequest] { entries.withLock { $0 } }

    func reset() {
        entries.withLock { entries in
            offset.withLock { $0 += entries.count }
            entries.removeAll()
        }
    }
}

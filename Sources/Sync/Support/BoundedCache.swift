/// A dictionary that keeps at most `capacity` entries, dropping the least recently stored first: for caches keyed
/// by something a long-running daemon sees without end (commits), so that they cannot grow with its uptime.
public struct BoundedCache<Key: Hashable, Value> {
    public let capacity: Int
    private var values: [Key: Value] = [:]
    /// Keys, oldest first.
    private var order: [Key] = []

    public init(capacity: Int) {
        precondition(capacity > 0, "a cache holds at least one entry")
        self.capacity = capacity
    }

    public var count: Int { values.count }

    public subscript(key: Key) -> Value? {
        get { values[key] }
        set {
            guard let newValue else {
                if values.removeValue(forKey: key) != nil { order.removeAll { $0 == key } }
                return
            }
            if values.updateValue(newValue, forKey: key) == nil { order.append(key) }
            while values.count > capacity, !order.isEmpty {
                values[order.removeFirst()] = nil
            }
        }
    }
}

extension BoundedCache: Sendable where Key: Sendable, Value: Sendable {}

public import Foundation

/// How a target's live cache stands, for the status page, `/status` and `mooring status`.
public struct LiveCacheStatus: Sendable, Hashable, Codable {
    /// Every collection the cache follows is listed and its watch has not failed since.
    public var inSync: Bool
    /// How many collections (kinds, and the bookkeeping ConfigMaps) it follows.
    public var collections: Int
    /// The oldest of the collections' last full lists; `nil` before the first.
    public var lastRelist: Date?
    /// How many times a watch failed and was started again (its kubectl ended with an error or was killed).
    public var restarts: Int
    /// How the cache reads the cluster: `proxy` (every list and watch through one `kubectl proxy`) or `kubectl` (one
    /// `kubectl get --raw` per request).
    public var transport: String

    public init(inSync: Bool, collections: Int, lastRelist: Date?, restarts: Int, transport: String = "kubectl") {
        self.inSync = inSync
        self.collections = collections
        self.lastRelist = lastRelist
        self.restarts = restarts
        self.transport = transport
    }
}

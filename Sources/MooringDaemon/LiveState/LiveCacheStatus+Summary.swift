public import Cluster
public import Foundation

extension LiveCacheStatus {
    /// One line for the status page and `mooring status`: whether the cache is in sync, when it last listed in
    /// full (`time` formats the date) and how many times a watch was restarted.
    public func summary(time: (Date) -> String) -> String {
        var text =
            inSync
            ? "in sync (\(collections) watch\(collections == 1 ? "" : "es"))"
            : "not in sync: syncs list with kubectl until it is"
        if let lastRelist { text += ", last full list \(time(lastRelist))" }
        return text + ", \(restarts) watch restart\(restarts == 1 ? "" : "s")"
    }
}

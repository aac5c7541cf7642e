import Foundation
import GitSource
import MooringCore

/// Values the unit tests of a sync's pure stages share: commits, a time, an object.
enum SyncFixtures {
    static let commit = CommitID(String(repeating: "a1", count: 20))!
    static let other = CommitID(String(repeating: "b2", count: 20))!
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let object = ObjectIdentity(group: "apps", kind: "Deployment", namespace: "ml", name: "churn")
}

public import Foundation

/// A `coordination.k8s.io/v1` Lease, as used for leader election.
///
/// ``resourceVersion`` is what makes updates safe: an update carrying a stale one fails with
/// ``ClusterError/Code/conflict`` instead of overwriting another holder's renewal.
public struct Lease: Hashable, Sendable {
    public var namespace: String
    public var name: String
    public var holderIdentity: String?
    public var leaseDurationSeconds: Int?
    public var acquireTime: Date?
    public var renewTime: Date?
    public var leaseTransitions: Int?
    /// The version read from the server; `nil` for a Lease not created yet.
    public var resourceVersion: String?

    public init(
        namespace: String,
        name: String,
        holderIdentity: String? = nil,
        leaseDurationSeconds: Int? = nil,
        acquireTime: Date? = nil,
        renewTime: Date? = nil,
        leaseTransitions: Int? = nil,
        resourceVersion: String? = nil
    ) {
        self.namespace = namespace
        self.name = name
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
        self.resourceVersion = resourceVersion
    }
}

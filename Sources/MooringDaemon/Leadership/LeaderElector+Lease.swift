import Cluster
import Foundation
import Logging
import Sync

extension LeaderElector {
    /// One attempt to acquire or renew the Lease, as client-go's `tryAcquireOrRenew`: returns who holds it
    /// afterwards (``identity`` when this host leads). Wall-clock times are written for people to read; only
    /// ``ElectionState`` decides expiry. A write that lost a race fails with ``ClusterError/Code/conflict``.
    func acquireOrRenew(_ election: inout ElectionState) async throws(ClusterError) -> String {
        let now = Date()
        if election.leading, var renewal = election.observed, renewal.holderIdentity == identity {
            // The leader's fast path: renew the version it wrote last without reading it first.
            renewal.renewTime = now
            renewal.leaseDurationSeconds = leaseSeconds
            do {
                election.observe(try await client.updateLease(renewal), at: clock.now)
                return identity
            } catch {
                logger.debug("renewing the Lease \(lease) as last written failed (\(error.code)); reading it again")
            }
        }
        guard let current = try await client.lease(namespace: settings.namespace, name: settings.name) else {
            let fresh = Lease(
                namespace: settings.namespace,
                name: settings.name,
                holderIdentity: identity,
                leaseDurationSeconds: leaseSeconds,
                acquireTime: now,
                renewTime: now,
                leaseTransitions: 0
            )
            election.observe(try await client.createLease(fresh), at: clock.now)
            return identity
        }
        election.observe(current, at: clock.now)
        let holder = current.holderIdentity ?? ""
        let expired = election.hasExpired(fallback: settings.leaseDuration, at: clock.now)
        if !holder.isEmpty, holder != identity, !expired {
            return holder
        }
        var claim = current
        claim.holderIdentity = identity
        claim.leaseDurationSeconds = leaseSeconds
        claim.renewTime = now
        if holder != identity {
            claim.acquireTime = now
            claim.leaseTransitions = (current.leaseTransitions ?? 0) + 1
        }
        election.observe(try await client.updateLease(claim), at: clock.now)
        return identity
    }

    /// Gives the Lease up, as client-go's `ReleaseOnCancel`: no holder and a one-second duration, so that a standby
    /// takes over at its next try instead of waiting for the lease to expire.
    func release(_ election: inout ElectionState) async {
        guard var released = election.observed, released.holderIdentity == identity else { return }
        leadership.standBy(holder: nil)
        let now = Date()
        released.holderIdentity = nil
        released.leaseDurationSeconds = 1
        released.acquireTime = now
        released.renewTime = now
        do {
            election.observe(try await client.updateLease(released), at: clock.now)
            logger.info(
                "released the Lease \(lease): a standby host takes over at once",
                metadata: ["lease": "\(lease)"]
            )
        } catch {
            logger.warning(
                "could not release the Lease \(lease) (\(error.message)); a standby takes over once it expires",
                metadata: ["lease": "\(lease)"]
            )
        }
    }

    /// The Lease's duration in whole seconds, as `spec.leaseDurationSeconds` records it.
    var leaseSeconds: Int { Int(settings.leaseDuration.components.seconds) }
}

// Folder MooringDaemon/Leadership: leader election on a Lease and the write fence.

public import Cluster
import Foundation
import Glibc
public import Logging
public import ServiceLifecycle
public import Sync

/// Leader election between Mooring hosts on a `coordination.k8s.io/v1` Lease, as client-go's leaderelection does
/// it, so that only one of several hosts syncs.
///
/// Every ``LeaderElectionSettings/retryPeriod`` the leader renews the Lease and a standby reads it. A standby takes
/// the Lease when it is free, or when it has not changed for its lease duration as this host's monotonic clock
/// measures it; writes carry the `resourceVersion` they read, so of two standbys racing only one wins (the other
/// gets a 409 Conflict). The leader stops leading as soon as another host holds the Lease, or once it could not
/// renew for ``LeaderElectionSettings/renewDeadline`` (``Leadership`` closes by itself at that deadline). A graceful
/// shutdown releases the Lease, so a standby takes over at once.
///
/// Raises `leader_acquired` and `leader_lost`; a standby logs who holds the Lease when that changes, nothing per try.
/// Mooring needs `get`, `create` and `update` on `leases` (`coordination.k8s.io`) in the Lease's namespace.
public struct LeaderElector: Service {
    /// What the sync loop checks before each sync.
    public let leadership: Leadership
    /// This process's holder identity: the host name and a random suffix, so two processes never share one.
    public let identity: String
    let settings: LeaderElectionSettings
    let client: ClusterClient
    /// Where `leader_acquired` and `leader_lost` go besides the log.
    let alerts: AlertDispatcher?
    /// The sync in progress, abandoned when the Lease is lost (its loop then raises `leader_lost`).
    let syncs: SyncWatch?
    let logger: Logger
    /// What leases, renewals and the pauses between tries are measured on.
    let clock: any MonotonicClock

    /// An elector on the Lease `settings` names, through kubectl with `kubectl`'s options; each kubectl call is cut
    /// off at the renew deadline. Durations are measured on `clock`.
    public init(
        settings: LeaderElectionSettings,
        kubectl: KubectlOptions,
        identity: String = LeaderElector.uniqueIdentity(),
        alerts: AlertDispatcher? = nil,
        syncs: SyncWatch? = nil,
        logger: Logger,
        clock: any MonotonicClock = ContinuousClock()
    ) {
        var options = kubectl
        options.timeout = min(options.timeout, settings.renewDeadline)
        self.settings = settings
        self.identity = identity
        self.alerts = alerts
        self.syncs = syncs
        self.logger = logger
        self.clock = clock
        self.client = ClusterClient(options: options, logger: logger)
        self.leadership = Leadership(lease: "\(settings.namespace)/\(settings.name)", clock: clock)
    }

    /// The elector `configuration` asks for, on the cluster of its first target; `nil` when leader election is off.
    public init?(
        configuration: MooringConfiguration,
        alerts: AlertDispatcher? = nil,
        syncs: SyncWatch? = nil,
        logger: Logger
    ) {
        guard configuration.leaderElection.enabled, let target = configuration.targets.first else { return nil }
        self.init(
            settings: configuration.leaderElection,
            kubectl: configuration.kubectlOptions(for: target),
            alerts: alerts,
            syncs: syncs,
            logger: logger
        )
    }

    /// `namespace/name` of the Lease.
    var lease: String { leadership.lease }

    /// Competes for the Lease until a graceful shutdown, then releases it if this host holds it.
    public func run() async throws {
        logger.info("leader election on the Lease \(lease) as \(identity)")
        var election = ElectionState(now: clock.now)
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await round(&election)
            // A standby waits a little longer at random, so that standbys do not race in step.
            let pause = election.leading ? settings.retryPeriod : settings.retryPeriod * Double.random(in: 1...1.2)
            try? await cancelWhenGracefulShutdown { [clock] in try await clock.sleep(for: pause) }
        }
        await release(&election)
    }

    /// One try, and the events it calls for.
    func round(_ election: inout ElectionState) async {
        let started = clock.now
        do {
            let holder = try await acquireOrRenew(&election)
            election.problem = nil
            if holder == identity {
                election.renewedAt = started
                leadership.renewed(until: started + settings.renewDeadline, holder: identity)
                if !election.leading {
                    election.leading = true
                    raise(.leaderAcquired, .info, "this host now holds the Lease \(lease) and syncs")
                }
            } else {
                leadership.standBy(holder: holder)
                if election.leading {
                    election.leading = false
                    raise(.leaderLost, .warning, "\(holder) holds the Lease \(lease) now", holder: holder)
                }
                // Checked at every round: a leader_lost left to an abandoned sync is raised after this one.
                alerts?.leaderSeen(holder)
                if election.reportedHolder != holder {
                    election.reportedHolder = holder
                    logger.info("standing by: \(holder) holds the Lease \(lease)", metadata: ["lease": "\(lease)"])
                }
            }
        } catch {
            report(error, &election)
            if election.leading, let renewedAt = election.renewedAt, clock.now >= renewedAt + settings.renewDeadline {
                election.leading = false
                leadership.standBy(holder: election.observed?.holderIdentity)
                raise(
                    .leaderLost,
                    .warning,
                    "the Lease \(lease) could not be renewed within \(settings.renewDeadline): \(error.message)"
                )
            }
        }
    }

    private func raise(_ name: SyncEvent.Name, _ severity: SyncEvent.Severity, _ reason: String, holder: String? = nil)
    {
        let consequence = name == .leaderLost ? "; this host stops syncing and stands by" : ""
        let details = SyncEvent.Details(identity: identity, lease: lease, holder: holder)
        let event = SyncEvent(name, severity, reason + consequence, details: details)
        // A sync in progress is abandoned first; its loop raises the event, naming what was left undone.
        if name == .leaderLost, let syncs, syncs.interrupt(losing: reason, event: event) { return }
        event.log(to: logger)
        alerts?.submit([event])
    }

    /// Logs a failed try once per kind of failure, with what to do about it; a lost race is not a failure.
    private func report(_ error: ClusterError, _ election: inout ElectionState) {
        guard error.code != .conflict else {
            logger.debug("another host wrote the Lease \(lease) first")
            return
        }
        guard election.problem != error.code else { return }
        election.problem = error.code
        let rights = "Mooring needs get, create and update on leases (coordination.k8s.io) in that namespace"
        let message: String
        if error.code == .notFound, error.details.contains("namespaces \"\(settings.namespace)\" not found") {
            message =
                "the namespace \(settings.namespace) of the Lease \(lease) does not exist: create it "
                + "(kubectl create namespace \(settings.namespace)); \(rights)"
        } else if error.code == .forbidden {
            message = "leader election may not use the Lease \(lease): \(error.message). \(rights)"
        } else {
            message = "leader election could not read or write the Lease \(lease): \(error)"
        }
        logger.error("\(message)", metadata: ["lease": "\(lease)", "code": "\(error.code)"])
    }

    /// `<host name>_<8 random hex digits>`.
    public static func uniqueIdentity() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let named = gethostname(&buffer, buffer.count - 1) == 0
        let host = named ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
        return (host.isEmpty ? "mooring" : host) + "_" + String(repeating: "0", count: 8 - suffix.count) + suffix
    }
}

import Cluster
import Foundation
import KubeSim
import Logging
import MooringCore
import Sync
import TestSupport
import Testing

@testable import MooringDaemon

/// The elector's rules on a manual clock: leases expire and holds end when the clock says so, with no real waiting.
@Suite("Leader election on a manual clock")
struct LeaderElectorClockTests {
    static let settings = LeaderElectionSettings(
        enabled: true,
        namespace: "mooring-system",
        leaseDuration: .seconds(60),
        // Each kubectl call is cut off at the renew deadline, in real time: long enough for a loaded machine.
        renewDeadline: .seconds(30),
        retryPeriod: .seconds(2)
    )

    /// Runs `body` with a KubeSim holding the Lease's namespace and an elector named `standby` on `clock`.
    private func withElector(
        _ clock: ManualClock,
        _ body: (KubeSimHarness, LeaderElector) async throws -> Void
    ) async throws {
        try await withKubeSim { cluster in
            let namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: mooring-system}\n"
            try await cluster.kubectlOK(["apply", "--server-side", "-f", "-"], input: namespace)
            let elector = LeaderElector(
                settings: Self.settings,
                kubectl: KubectlOptions(
                    kubeconfig: cluster.sim.kubeconfigPath,
                    cacheDirectory: cluster.sim.cacheDirectory,
                    timeout: .seconds(60)
                ),
                identity: "standby",
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                clock: clock
            )
            try await body(cluster, elector)
        }
    }

    /// The Lease's `spec` as the API server holds it.
    private func leaseSpec(_ cluster: KubeSimHarness) async throws -> JSONValue? {
        (try await cluster.getJSON(["lease", "-n", "mooring-system", "mooring"]))["spec"]
    }

    @Test(
        "a Lease another host stopped renewing is taken once its duration has passed on this host's clock, not before"
    )
    func takesAnExpiredLease() async throws {
        let clock = ManualClock()
        try await withElector(clock) { cluster, elector in
            let lease = """
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata: {name: mooring, namespace: mooring-system}
                spec: {holderIdentity: other-host, leaseDurationSeconds: 8, leaseTransitions: 4}
                """
            try await cluster.kubectlOK(["apply", "--server-side", "-f", "-"], input: lease)
            var election = ElectionState(now: clock.now)

            await elector.round(&election)
            #expect(!elector.leadership.isLeading)
            clock.advance(by: .seconds(7))
            await elector.round(&election)
            #expect(!elector.leadership.isLeading, "7 s of an 8-second lease: still the other host's")
            #expect(try await leaseSpec(cluster)?["holderIdentity"] == "other-host")

            clock.advance(by: .seconds(1))
            await elector.round(&election)
            #expect(elector.leadership.isLeading, "8 s unchanged: expired, taken")
            let spec = try await leaseSpec(cluster)
            #expect(spec?["holderIdentity"] == "standby")
            #expect(spec?["leaseTransitions"] == 5)
        }
    }

    @Test("a leader's hold ends at the renew deadline when it was not renewed, and a renewal extends it")
    func holdEndsAtRenewDeadline() async throws {
        let clock = ManualClock()
        try await withElector(clock) { _, elector in
            var election = ElectionState(now: clock.now)
            await elector.round(&election)
            #expect(elector.leadership.isLeading, "a free Lease is taken at once")

            clock.advance(by: .seconds(29))
            #expect(elector.leadership.isLeading)
            await elector.round(&election)
            clock.advance(by: .seconds(29))
            #expect(elector.leadership.isLeading, "renewed 29 s ago, within the 30-second renew deadline")
            clock.advance(by: .seconds(1))
            #expect(!elector.leadership.isLeading, "not renewed for the renew deadline: no longer leading")
        }
    }

    @Test("a standby's wait for leadership ends when it takes the Lease")
    func waitUntilLeading() async throws {
        let clock = ManualClock()
        try await withElector(clock) { _, elector in
            let waiting = Task { try await elector.leadership.waitUntilLeading() }
            var election = ElectionState(now: clock.now)
            await elector.round(&election)
            try await waiting.value
            #expect(elector.leadership.isLeading)
        }
    }
}

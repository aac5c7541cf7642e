import Foundation
import Logging
import ScenarioSupport
import Sync
import Synchronization
import TestSupport
import Testing

@testable import MooringDaemon

/// A sync that returns only when the test opens the gate, whatever cancels it: a hang in code with no timeout.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func wait() async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state in
                if !state.open { state.waiter = continuation }
                return state.open
            }
            if open { continuation.resume() }
        }
    }

    func open() {
        state.withLock { state in
            state.open = true
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }?.resume()
    }
}

@Suite("The sync loop's deadline and the systemd watchdog")
struct SyncWatchdogTests {
    @Test("the deadline formula: source.timeout + Σ targets (2 × health.timeout + 10 × cluster.timeout)")
    func formula() throws {
        let configuration = MooringConfiguration(
            file: "mooring.yaml",
            source: SourceSettings(url: "https://git.example.com/deploy.git", timeout: .seconds(60)),
            targets: [
                TargetSettings(name: "a", path: "a", cluster: ClusterSettings(timeout: .seconds(120)), policy: .init()),
                TargetSettings(name: "b", path: "b", cluster: ClusterSettings(timeout: .seconds(30)), policy: .init()),
            ],
            health: HealthSettings(timeout: .seconds(300))
        )
        #expect(configuration.syncDeadline == .seconds(60 + (600 + 1200) + (600 + 300)))
    }

    @Test(
        "a sync that does not stop at its deadline stops the watchdog pings and fails /healthz and /readyz, saying what is stuck and since when; once it returns, the pings resume"
    )
    func stuckSync() async throws {
        try await withSyncScenario { scenario in
            let notify = try NotifySocket(in: scenario.directory)
            let environment = ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000"]
            let status = DaemonStatus(targets: ["default"], metrics: DaemonMetrics())
            let gate = Gate()
            let syncs = status.syncs
            let loop = SyncLoop(
                engine: try scenario.start(),
                interval: .seconds(3600),
                notifier: SystemdNotifier(environment: environment),
                status: status,
                trigger: SyncTrigger(),
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                deadline: .seconds(1),
                sync: { _ in
                    syncs.stage("reading models/huge.yaml")
                    await gate.wait()
                    return SyncReport(events: [], targets: [])
                }
            )
            status.serverListening()
            let running = Task { try await loop.run() }
            defer { running.cancel() }

            #expect(try await notify.receive() == "READY=1")
            #expect(try await notify.receive() == "WATCHDOG=1", "pings while the sync is within its deadline")
            var message = ""
            while !message.hasPrefix("STATUS=stuck") { message = try await notify.receive(timeout: .seconds(30)) }
            #expect(message == "STATUS=stuck: reading models/huge.yaml")
            #expect(await status.isAlive == false, "/healthz fails")
            let reason = try #require(await status.notReady, "/readyz fails")
            #expect(reason.contains("a sync is stuck past its deadline"))
            #expect(reason.contains("reading models/huge.yaml since "))
            let stuck = try #require(await status.document().stuck)
            #expect(stuck.stage == "reading models/huge.yaml")
            #expect(stuck.since <= Date() && stuck.deadline > stuck.syncStartedAt)

            var quiet: [String] = []
            while let next = try? await notify.receive(timeout: .seconds(1)) { quiet.append(next) }
            #expect(!quiet.contains("WATCHDOG=1"), "no pings while stuck: \(quiet)")

            gate.open()
            while message != "WATCHDOG=1" { message = try await notify.receive(timeout: .seconds(30)) }
            #expect(await status.isAlive)
            #expect(await status.document().stuck == nil)
        }
    }
}

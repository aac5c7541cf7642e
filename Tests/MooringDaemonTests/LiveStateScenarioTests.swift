import Cluster
import Foundation
import KubeSim
import MooringCore
import MooringDaemon
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: the daemon's live cache — drift from watches within seconds, no kubectl call on a quiet poll")
struct LiveStateScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test("with an hour between polls, a kubectl scale by hand is healed within seconds, and timed in /metrics")
    func driftFromWatch() async throws {
        try await withSyncScenario { scenario in
            let daemon = try await DaemonProcess.start(scenario, pollInterval: "1h")
            try await daemon.waitUntilReady()
            try await waitUntil("the live cache is in sync") {
                try await daemon.status().targets.first?.liveCache?.inSync == true
            }
            try await scenario.scaleChurnByHand()
            try await waitUntil("the drift is healed", timeout: .seconds(30)) {
                try await daemon.status().events.contains { $0.event == "drift_healed" }
            }
            let events = try await daemon.status().events
            let healed = events.first { $0.event == "drift_healed" }
            #expect(
                healed?.message.contains("spec.replicas 3 → 5 (changed by kubectl)") == true,
                "\(events.map(\.message))"
            )
            let replicas = await scenario.live(Example.churnDeployment)?["spec"]?["replicas"]?.intValue
            #expect(replicas != 5)
            let metrics = try await daemon.get("/metrics").body
            #expect(metrics.contains(#"mooring_drift_detection_seconds_count{target="default"} 1"#), "\(metrics)")
            #expect(
                metrics.contains(
                    #"mooring_watch_events_total{target="default",kind="Deployment.apps",type="MODIFIED"}"#
                )
            )
            #expect(try await daemon.stop() == 0)
        }
    }

    @Test("a managed object deleted by hand is drift (deleted) and is recreated under heal, without waiting for a poll")
    func deletedByHand() async throws {
        try await withSyncScenario { scenario in
            let daemon = try await DaemonProcess.start(scenario, pollInterval: "1h")
            try await daemon.waitUntilReady()
            try await waitUntil("the live cache is in sync") {
                try await daemon.status().targets.first?.liveCache?.inSync == true
            }
            try await scenario.cluster.kubectlOK(["delete", "-n", "ml-prod", "service", "churn-predictor"])
            try await waitUntil("the drift is healed", timeout: .seconds(30)) {
                try await daemon.status().events.contains { $0.event == "drift_healed" }
            }
            #expect(await scenario.live(Example.churnService) != nil)
            let events = try await daemon.status().events
            let healed = events.first { $0.event == "drift_healed" }
            #expect(healed?.message.contains(Example.churnService.description) == true, "\(events.map(\.message))")
            #expect(try await daemon.stop() == 0)
        }
    }

    @Test("once the cache is in sync, polls with nothing new make no request to the API server at all")
    func quietPolls() async throws {
        try await withSyncScenario { scenario in
            let daemon = try await DaemonProcess.start(scenario, pollInterval: "1s")
            try await daemon.waitUntilReady()
            try await waitUntil("the live cache is in sync") {
                try await daemon.status().targets.first?.liveCache?.inSync == true
            }
            // One poll after the cache came in sync (it may have started before), then three more.
            let syncsBefore = try await syncCount(daemon) + 1
            try await waitUntil("a poll") { try await syncCount(daemon) >= syncsBefore }
            scenario.sim.resetRequests()
            try await waitUntil("three more polls") { try await syncCount(daemon) >= syncsBefore + 3 }
            let requests = scenario.sim.requests().filter { !$0.query.contains("watch=") }
            #expect(requests.isEmpty, "\(requests.map { "\($0.method) \($0.path)?\($0.query)" })")
            let status = try await daemon.status()
            #expect(status.targets.first?.outcome == "in-sync")
            #expect(status.targets.first?.liveCache?.restarts == 0)
            #expect(status.targets.first?.liveCache?.lastRelist != nil)
            let text = try await MooringBinary.run(["status", "--url", daemon.baseURL, "--format", "text"])
            #expect(text.stdout.contains("  cache   in sync ("), "\(text.stdout)")
            let page = try await daemon.get("/")
            #expect(page.body.contains("Live cache") && page.body.contains("in sync ("))
            #expect(try await daemon.stop() == 0)
        }
    }

    private func syncCount(_ daemon: DaemonProcess) async throws -> Int {
        let metrics = try await daemon.get("/metrics").body
        return metrics.split(separator: "\n")
            .filter { $0.hasPrefix("mooring_sync_total{") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .reduce(0) { $0 + Int($1) }
    }
}

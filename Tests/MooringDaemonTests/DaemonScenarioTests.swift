import Foundation
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: Mooring as a systemd service")
struct DaemonScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test("mooring run syncs on its own, reports READY and STATUS to systemd, and exits 0 on SIGTERM")
    func daemon() async throws {
        try await withSyncScenario { scenario in
            try scenario.listenOnFreePort()
            let notify = try NotifySocket(in: scenario.directory)
            let daemon = try MooringBinary.startDaemon(
                configurationPath: scenario.configurationPath,
                logPath: scenario.directory.appendingPathComponent("daemon.log").path,
                environment: ["NOTIFY_SOCKET": notify.path]
            )
            #expect(try await notify.receive() == "READY=1")
            let status = try await notify.receive()
            #expect(status.hasPrefix("STATUS=default applied at "), "\(status)")
            #expect(await scenario.live(Example.churnDeployment) != nil, "the first sync ran without being asked")

            let exitCode = try await onOwnThread { daemon.stop(grace: .seconds(60)) }
            #expect(exitCode == 0, "a clean shutdown on SIGTERM")
            #expect(try await notify.receive() == "STOPPING=1")
            let log = try String(
                contentsOfFile: scenario.directory.appendingPathComponent("daemon.log").path,
                encoding: .utf8
            )
            let applied = try #require(log.split(separator: "\n").first { $0.contains("\"event\":\"sync_applied\"") })
            #expect(try JSONValue.parse(String(applied))["level"] == "info", "JSON lines under systemd")
        }
    }
}

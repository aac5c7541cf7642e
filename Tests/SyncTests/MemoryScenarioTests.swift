import Foundation
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

/// A daemon runs for months: what one poll allocates must be given back before the next. Measured on the
/// `mooring run` process, as an operator would, over many polls (not a timed test: the syncs are counted).
@Suite("Scenario: memory of a long-running daemon", .serialized)
struct MemoryScenarioTests {
    /// 100 ConfigMaps in one file, the size at which the issue measured about 107 KB retained per no-change sync.
    static let configMaps = (0..<100).map { index in
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings-\(index), namespace: ml-prod}\n"
            + "data: {index: \"\(index)\", text: \"\(String(repeating: "x", count: 200))\"}\n"
    }
    .joined(separator: "---\n")

    /// The process's resident set, in KiB.
    private func residentKiB(_ pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    @Test(
        "RSS stays flat over 100 no-change polls of 100 objects: less than 4 MB of growth, where 107 KB per poll was kept before"
    )
    func flatOverManyPolls() async throws {
        try await withSyncScenario { scenario in
            try scenario.write("cluster/settings.yaml", Self.configMaps)
            try await scenario.push("a hundred ConfigMaps")
            try scenario.listenOnFreePort()
            let configuration = try String(contentsOfFile: scenario.configurationPath, encoding: .utf8)
                .replacingOccurrences(of: "source:\n", with: "source:\n  pollInterval: 20ms\n")
            try configuration.write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)
            let notify = try NotifySocket(in: scenario.directory)
            let daemon = try SpawnedProcess(
                [builtProductPath("mooring"), "run", "--config", scenario.configurationPath],
                logFile: scenario.directory.appendingPathComponent("daemon.log").path,
                environment: ["NOTIFY_SOCKET": notify.path, "MOORING_LOG_FORMAT": "json"]
            )
            defer { _ = daemon.stop(grace: .seconds(60)) }
            /// Waits for `count` more syncs (each ends with a STATUS line) and returns the last one's.
            @discardableResult
            func syncs(_ count: Int) async throws -> String {
                var status = ""
                for _ in 0..<count {
                    repeat {
                        status = try await notify.receive(timeout: .seconds(120))
                    } while !status.hasPrefix("STATUS=")
                }
                return status
            }
            /// The median of five readings, one after each of the next five syncs.
            func medianResident() async throws -> Int {
                var readings: [Int] = []
                for _ in 0..<5 {
                    try await syncs(1)
                    readings.append(try residentKiB(daemon.pid))
                }
                return readings.sorted()[2]
            }
            #expect(try await syncs(1).hasPrefix("STATUS=default applied"))
            try await syncs(10)
            let start = try await medianResident()
            let status = try await syncs(100)
            let end = try await medianResident()
            #expect(status.hasPrefix("STATUS=default in-sync"), "\(status)")
            #expect(end - start < 4096, "RSS went from \(start) KiB to \(end) KiB over 105 no-change syncs")
        }
    }
}

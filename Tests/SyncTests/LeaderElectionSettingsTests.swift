import Foundation
import Sync
import TestSupport
import Testing

@Suite("Host configuration: leaderElection")
struct LeaderElectionSettingsTests {
    private func leaderElection(_ section: String) async throws -> LeaderElectionSettings {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("mooring.yaml").path
            try "source: {url: repo}\nleaderElection: \(section)\n".write(
                toFile: path,
                atomically: true,
                encoding: .utf8
            )
            return try ConfigurationFile.load(path).leaderElection()
        }
    }

    @Test(
        "election is off unless enabled, and its timings default to client-go's: 15s lease, 10s renew deadline, 2s retry"
    )
    func defaults() async throws {
        let settings = try await leaderElection("{enabled: true}")
        #expect(settings.enabled)
        #expect(settings.namespace == "mooring-system")
        #expect(settings.name == "mooring")
        #expect(settings.leaseDuration == .seconds(15))
        #expect(settings.renewDeadline == .seconds(10))
        #expect(settings.retryPeriod == .seconds(2))
        #expect(LeaderElectionSettings().enabled == false)
    }

    @Test("the timings are Go durations")
    func timings() async throws {
        let settings = try await leaderElection("{leaseDuration: 1m, renewDeadline: 40s, retryPeriod: 500ms}")
        #expect(settings.leaseDuration == .seconds(60))
        #expect(settings.renewDeadline == .seconds(40))
        #expect(settings.retryPeriod == .milliseconds(500))
    }

    @Test(
        "timings that would let a standby take over from a live leader are refused, naming the key",
        arguments: [
            ("{leaseDuration: 10s, renewDeadline: 10s}", "leaderElection.renewDeadline"),
            ("{renewDeadline: 2s, retryPeriod: 2s}", "leaderElection.retryPeriod"),
            ("{leaseDuration: 1500ms, renewDeadline: 1s, retryPeriod: 200ms}", "leaderElection.leaseDuration"),
            ("{leaseDurations: 20s}", "leaderElection.leaseDurations"),
        ]
    )
    func refused(section: String, key: String) async throws {
        let error = await #expect(throws: ConfigurationError.self) { try await leaderElection(section) }
        #expect(error?.problems.map(\.key) == [key], "\(String(describing: error))")
    }
}

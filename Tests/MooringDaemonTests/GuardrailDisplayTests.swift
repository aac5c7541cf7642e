import Analysis
import Foundation
import ScenarioSupport
import TestSupport
import Testing

@testable import MooringDaemon

/// `mooring status` and `mooring promote` showing a canary's analysis and the monitors, read over HTTP from a
/// `/status` document (served as a file on 127.0.0.1, so each state can be shown without waiting for it).
@Suite("mooring status and promote show canary analysis and monitors")
struct GuardrailDisplayTests {
    static let at = Date(timeIntervalSince1970: 1_780_000_000)

    static func status(_ analysis: StatusDocument.Analysis?, aborted: Bool = false) -> StatusDocument {
        let monitors = [
            StatusDocument.Check(
                name: "input-psi",
                value: 0.08,
                min: nil,
                max: 0.2,
                result: .pass,
                failuresInARow: 0,
                at: at
            )
        ]
        var model = ModelPageTests.fraudDetector(analysis: analysis, monitors: monitors)
        if aborted { (model.canaryTraffic, model.canaryAborted) = (0, true) }
        return StatusDocument(
            version: "0.0.0",
            startedAt: at,
            ready: true,
            readiness: "ready",
            syncing: false,
            targets: [
                StatusDocument.Target(name: "default", outcome: "in-sync", models: [model], drift: [])
            ],
            events: []
        )
    }

    static let errorRate = ModelPageTests.failing
    static let latency = StatusDocument.Check(
        name: "p99-latency-seconds",
        value: nil,
        min: nil,
        max: 0.25,
        result: .noData,
        failuresInARow: 0,
        at: at
    )

    static func analysis(_ state: StatusDocument.Analysis.State, reason: String? = nil) -> StatusDocument.Analysis {
        StatusDocument.Analysis(
            version: "13",
            state: state,
            startedAt: at,
            elapsedSeconds: 330,
            minDurationSeconds: 600,
            lastRunAt: at + 400,
            reason: reason,
            checks: [errorRate, latency]
        )
    }

    /// Serves `document` as `/status` on a free loopback port while `body` runs.
    static func serving<T>(
        _ document: StatusDocument,
        _ body: (String) async throws -> T
    ) async throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try document.json().write(to: directory.url.appendingPathComponent("status"))
        let port = try freeLoopbackPort()
        let server = try SpawnedProcess(
            ["python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory", directory.url.path, String(port)]
        )
        defer { server.stop() }
        let base = "http://127.0.0.1:\(port)"
        try await waitUntil("the status file is served") {
            URL(string: base + "/status").flatMap { try? Data(contentsOf: $0) } != nil
        }
        return try await body(base)
    }

    static func mooring(_ arguments: [String]) async throws -> CommandResult {
        try await onOwnThread {
            try run([builtProductPath("mooring")] + arguments, environment: ["NO_COLOR": "1"], check: false)
        }
    }

    @Test("mooring status: the analysis state with elapsed and minimum duration, each check's value, the monitors")
    func statusText() async throws {
        let running = try await Self.serving(Self.status(Self.analysis(.running))) { base in
            try await Self.mooring(["status", "--url", base])
        }
        #expect(running.status == 0, "\(running.stderr)")
        for line in [
            "  model   ml-prod/fraud-detector 12 + canary 13 (10%)\n",
            "    analysis of 13: running for 5m30s of 10m\n",
            "      check   error-rate 0.031 (max 0.02): fail (2 in a row)\n",
            "      check   p99-latency-seconds no data (max 0.25): no-data\n",
            "    monitor input-psi 0.08 (max 0.2): pass\n",
        ] {
            #expect(running.stdout.contains(line), "\(running.stdout)")
        }
        let aborted = try await Self.serving(
            Self.status(
                Self.analysis(.aborted, reason: "error-rate 0.031 above max 0.02 (2 failed runs in a row)"),
                aborted: true
            )
        ) { base in try await Self.mooring(["status", "--url", base]) }
        #expect(aborted.stdout.contains("  model   ml-prod/fraud-detector 12 + canary 13 (0%, aborted)\n"))
        let abortedAt = (Self.at + 400).formatted(.iso8601)
        #expect(
            aborted.stdout.contains(
                "analysis of 13: aborted at \(abortedAt), 6m40s into the analysis: error-rate 0.031 above max 0.02 "
                    + "(2 failed runs in a row)\n"
            ),
            "the time from the analysis's start to the abort, not the holding time a failed run reset: \(aborted.stdout)"
        )
        let passed = try await Self.serving(Self.status(Self.analysis(.passed))) { base in
            try await Self.mooring(["status", "--url", base])
        }
        #expect(passed.stdout.contains("analysis of 13: passed after 5m30s: ready to promote"))
        let unavailable = try await Self.serving(
            Self.status(Self.analysis(.unavailable, reason: "Prometheus unreachable"))
        ) { base in try await Self.mooring(["status", "--url", base]) }
        #expect(
            unavailable.stdout.contains("analysis of 13: unavailable 6m40s into the analysis: Prometheus unreachable")
        )
    }

    /// A git checkout holding a copy of the example deploy folder.
    static func checkout() throws -> TemporaryDirectory {
        let repository = try TemporaryDirectory()
        try run(["git", "init", "-q", repository.url.path])
        try run([
            "cp", "-R", ExampleDeployFolder.url.path, repository.url.appendingPathComponent("deploy-manifests").path,
        ])
        return repository
    }

    @Test("mooring promote: the canary's latest analysis in the pull-request markdown, untrusted text escaped")
    func promoteWithAnalysis() async throws {
        let repository = try Self.checkout()
        defer { repository.remove() }
        var analysis = Self.analysis(.passed)
        analysis.checks[0].name = "error|rate<b>"
        let result = try await Self.serving(Self.status(analysis)) { base in
            try await Self.mooring(["promote", "fraud-detector", "--repo", repository.url.path, "--status-url", base])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("#### Canary analysis\n\nVersion 13, from the daemon at http://127.0.0.1:"))
        #expect(result.stdout.contains(": **passed after 5m30s: ready to promote**."))
        #expect(result.stdout.contains("| error\\|rate&lt;b&gt; | 0.031 | max 0.02 | fail (2 in a row) |"))
        #expect(result.stdout.contains("| p99-latency-seconds | no data | max 0.25 | no-data |"))
        #expect(result.stdout.contains("Monitors on stable 12:\n\n| check | latest value | bounds | result |"))
        #expect(result.stdout.contains("| input-psi | 0.08 | max 0.2 | pass |"))
    }

    @Test("mooring promote with no daemon answering: it says so plainly, and the promotion is still made")
    func promoteWithoutDaemon() async throws {
        let repository = try Self.checkout()
        defer { repository.remove() }
        let port = try freeLoopbackPort()
        let result = try await Self.mooring([
            "promote", "fraud-detector", "--repo", repository.url.path, "--status-url", "http://127.0.0.1:\(port)",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "The canary's live analysis is not included: no Mooring daemon answers at http://127.0.0.1:\(port)/status"
            ),
            "\(result.stdout)"
        )
        let deployment = repository.url.appendingPathComponent("deploy-manifests/models/fraud-detector/deployment.yaml")
        #expect(try String(contentsOf: deployment, encoding: .utf8).contains("stable: \"13\""))
    }
}

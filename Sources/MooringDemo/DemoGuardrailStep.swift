import ChildProcess
import Foundation

/// The live-guardrail part of `mooring demo`: fraud-detector's canary 13 gets a canary analysis by pull request, and
/// the real daemon pieces watch it — `mooring run` (this binary) queries a real Prometheus, which scrapes the
/// demo's exporter; the canary's error rate climbs past its bound, the daemon aborts the canary, and 12 serves every
/// request. Shown from the cluster (kubectl) and from the daemon (`mooring status`, the model page).
///
/// Without Prometheus installed the step says so and is skipped: a stand-in would not show the real thing.
struct DemoGuardrailStep: Sendable {
    let scene: DemoScene
    let workspace: DemoWorkspace
    let tools: DemoTools
    let commands: DemoCommands

    static let model = "fraud-detector"
    /// The canary's error ratio as it climbs: healthy, then worse but within `max: 0.02`, then over it.
    static let healthyRatio = 0.004
    static let climbingRatios = [0.011, 0.019]
    static let failingRatio = 0.031
    /// The longest the daemon may take to start, sync and run its first check; and any later change to show.
    static let startTimeout: Duration = .seconds(90)
    static let changeTimeout: Duration = .seconds(30)

    var console: DemoConsole { scene.console }

    /// Tells the step as `number`.
    func tell(_ number: Int) async throws {
        try await console.step(
            number,
            "A canary watched live: its error rate climbs, Mooring aborts it and the stable version serves everything"
        )
        guard let prometheus = DemoPrometheus.locate() else {
            console.say(
                "Prometheus is not installed (no prometheus on PATH), so this step is skipped: it shows mooring run "
                    + "querying a real Prometheus, which a stand-in would not (Debian or Ubuntu: apt-get install "
                    + "prometheus)."
            )
            return
        }
        try await mergeAnalysis()
        let prometheusPort = try DemoPort.free()
        var daemonPort = try DemoPort.free()
        while daemonPort == prometheusPort { daemonPort = try DemoPort.free() }
        try await configureDaemon(prometheus: prometheusPort, listen: daemonPort)
        let exporter = DemoExporter(canaryRatio: Self.healthyRatio)
        try await exporter.serving { exporterPort in
            let server = DemoPrometheus(
                executable: prometheus,
                port: prometheusPort,
                directory: workspace.path("prometheus")
            )
            try await run(server, scraping: exporterPort) { daemon in
                try await watch(exporter, daemon: daemon, url: "http://127.0.0.1:\(daemonPort)")
            }
        }
        console.say("mooring run is stopped (SIGTERM), and with it Prometheus and the exporter.")
    }

    /// Alan withdraws churn-predictor 8 (refused in the step before), and Grace's pull request gives
    /// fraud-detector's canary an analysis: one error-rate check every second, aborting after two failed runs.
    private func mergeAnalysis() async throws {
        try await scene.git(["revert", "--no-edit", "HEAD"], as: DemoStory.alan)
        let branch = "watch-fraud-detector-13"
        try await scene.git(["checkout", "-q", "-b", branch], as: DemoStory.grace)
        let analysis = """
              analysis:
                interval: 1s
                failureLimit: 2
                minDuration: 10m
                checks:
                  - name: error-rate
                    query: \(DemoExporter.series){model="{{model}}",version="{{version}}"}
                    max: 0.02

            """
        let file = "\(DemoStory.folder)/models/\(Self.model)/deployment.yaml"
        try scene.append(analysis, to: file)
        console.say("Grace adds to \(file):\n\(analysis)")
        try await scene.git(
            ["commit", "-q", "-am", "fraud-detector: watch the error rate of canary 13"],
            as: DemoStory.grace
        )
        try await scene.git(["checkout", "-q", "main"], as: DemoStory.ada)
        try await scene.git(
            ["merge", "-q", "--no-ff", "-m", "Merge pull request #2: watch fraud-detector 13 live", branch],
            as: DemoStory.ada
        )
    }

    /// The host configuration gains Prometheus, the namespace where the analysis state is kept, and the status
    /// listener; `mooring run` reads it.
    private func configureDaemon(prometheus: Int, listen: Int) async throws {
        let namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: mooring-system}\n"
        try namespace.write(toFile: workspace.path("mooring-system.yaml"), atomically: true, encoding: .utf8)
        try await scene.kubectl(["apply", "--server-side", "-f", "mooring-system.yaml"])
        let settings = """
            inventory: {namespace: mooring-system}
            analysis:
              prometheus: {url: "http://127.0.0.1:\(prometheus)", timeout: 5s}
            server: {listen: "127.0.0.1:\(listen)"}

            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: workspace.path("mooring.yaml")))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
        console.command("cat >> mooring.yaml <<EOF")
        console.say(settings + "EOF")
    }

    /// `mooring run --config mooring.yaml`, this binary, stopped with SIGTERM so that a sync in progress ends.
    private func daemonProcess() -> ChildProcess {
        var process = ChildProcess(
            tools.mooring,
            ["run", "--config", workspace.path("mooring.yaml")],
            timeout: .seconds(600),
            outputLimit: 16 << 20
        )
        process.stopGracePeriod = .seconds(10)
        return process
    }

    /// Runs Prometheus scraping the exporter, then `mooring run`, while `body` runs; stops both afterwards.
    private func run(
        _ prometheus: DemoPrometheus,
        scraping exporterPort: Int,
        _ body: (DemoBackground) async throws -> Void
    ) async throws {
        let canarySeries = #"\#(DemoExporter.series){model="fraud-detector",version="13"}"#
        try await DemoBackground.running("prometheus", try prometheus.process(scraping: "127.0.0.1:\(exporterPort)")) {
            server in
            try await DemoWait.until("Prometheus to scrape the exporter", timeout: Self.changeTimeout) {
                try server.checkRunning()
                return await prometheus.hasSample(canarySeries)
            }
            console.say(
                "The exporter on 127.0.0.1:\(exporterPort) serves \(DemoExporter.series) for 12 "
                    + "(\(DemoExporter.stableRatio)) and canary 13 (\(Self.healthyRatio)); Prometheus on "
                    + "\(prometheus.url) scrapes it every second."
            )
            console.command("mooring run --config mooring.yaml &")
            try await DemoBackground.running("mooring run", daemonProcess(), body)
        }
    }
}

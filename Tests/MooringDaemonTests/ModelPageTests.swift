import Analysis
import Foundation
import Manifests
import MooringCore
import Sync
import TestSupport
import Testing

@testable import MooringDaemon

@Suite("The model page: records, analysis, monitors and the timeline of what served when")
struct ModelPageTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static func at(minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    static func change(
        _ minutes: Double,
        from: ModelState?,
        to: ModelState?,
        model: String = "fraud-detector",
        target: String = "default",
        subject: String = "a change"
    ) -> HistoryEntry {
        HistoryEntry(
            time: at(minutes: minutes),
            target: target,
            commit: String(repeating: String(Int(minutes) / 10 % 10), count: 40),
            subject: subject,
            result: .applied,
            models: [HistoryEntry.ModelChange(model: model, namespace: "ml-prod", from: from, to: to)]
        )
    }

    static let stable12 = ModelState(namespace: "ml-prod", stable: "12")
    static let canary13 = ModelState(namespace: "ml-prod", stable: "12", canary: "13", canaryTraffic: 10)
    static let aborted13 = canary13.abortingCanary()

    /// Deployed at 0, canary 13 at 10% from 60, taken out of traffic at 90; other models and targets in between.
    static let history = [
        change(0, from: nil, to: stable12, subject: "first deploy"),
        change(30, from: nil, to: ModelState(namespace: "ml-prod", stable: "7"), model: "churn-predictor"),
        change(60, from: stable12, to: canary13, subject: "canary <script>alert(1)</script>"),
        change(70, from: stable12, to: canary13, target: "staging"),
        change(90, from: canary13, to: aborted13, subject: "canary 13 aborted"),
    ]

    @Test("segments follow the history of one model in one target: versions, traffic, from when to when")
    func segments() {
        let timeline = ServingTimeline(
            history: Self.history,
            target: "default",
            namespace: "ml-prod",
            name: "fraud-detector",
            now: Self.at(minutes: 120),
            complete: true
        )
        #expect(timeline.segments.map(\.state) == [Self.stable12, Self.canary13, Self.aborted13])
        #expect(timeline.segments.map(\.start) == [Self.at(minutes: 0), Self.at(minutes: 60), Self.at(minutes: 90)])
        #expect(timeline.segments.map(\.end) == [Self.at(minutes: 60), Self.at(minutes: 90), Self.at(minutes: 120)])
        #expect(timeline.segments.map(\.isCurrent) == [false, false, true])
        #expect(timeline.versions == ["12", "13"])
        #expect(!timeline.isPartial)
    }

    @Test("history that begins after the model was deployed starts with an open segment, and says it is partial")
    func partialHistory() {
        let timeline = ServingTimeline(
            history: Array(Self.history.dropFirst(2)),
            target: "default",
            namespace: "ml-prod",
            name: "fraud-detector",
            now: Self.at(minutes: 120),
            complete: false
        )
        #expect(timeline.segments.first?.start == nil && timeline.segments.first?.state == Self.stable12)
        #expect(timeline.segments.first?.end == Self.at(minutes: 60))
        #expect(timeline.isPartial)
        #expect(timeline.svg().contains("before the history shown"))
    }

    static func content(analysis: StatusDocument.Analysis?, monitors: [StatusDocument.Check]) -> ModelPage.Content {
        let record = ModelVersion(
            name: "fraud-detector-13",
            model: "fraud-detector",
            version: "13",
            artifact: .init(uri: "s3://acme-models/fraud-detector/13/", digest: "sha256:77b9"),
            code: .init(repo: "https://git.example.com/ml/fraud.git", commit: "9b41d07c2e"),
            data: [.init(role: "training", name: "card-transactions-2026-05", digest: "sha256:6511")],
            hyperparameters: ["max_depth": .int(7), "note": .string("<b>bold</b>")],
            metrics: ["auc": 0.937]
        )
        let summary = ModelSummary(
            name: "fraud-detector",
            namespace: "ml-prod",
            target: .kserve,
            stable: "12",
            canary: .init(version: "13", traffic: 10),
            drift: nil,
            objects: [],
            versions: [record],
            source: SourceLocation(file: "models/fraud-detector/deployment.yaml", line: 1),
            gates: [Manifests.Gate(metric: "auc", min: 0.9), Manifests.Gate(metric: "auc", minDeltaVsStable: 0)]
        )
        let model = fraudDetector(analysis: analysis, monitors: monitors)
        let timeline = ServingTimeline(
            history: history,
            target: "default",
            namespace: "ml-prod",
            name: "fraud-detector",
            now: at(minutes: 120),
            complete: true
        )
        return ModelPage.Content(target: "default", model: model, summary: summary, timeline: timeline)
    }

    /// fraud-detector as `/status` shows it: stable 12, canary 13 at 10%.
    static func fraudDetector(
        analysis: StatusDocument.Analysis?,
        monitors: [StatusDocument.Check]
    ) -> StatusDocument.Model {
        var model = StatusDocument.Model(
            name: "fraud-detector",
            namespace: "ml-prod",
            stable: "12",
            canary: "13",
            canaryTraffic: 10
        )
        model.analysis = analysis
        model.monitors = monitors
        return model
    }

    static let failing = StatusDocument.Check(
        name: "error-rate",
        value: 0.031,
        min: nil,
        max: 0.02,
        result: .fail,
        failuresInARow: 2,
        at: at(minutes: 89)
    )

    @Test("the page shows the analysis, each check's value and bounds, the monitors, the records and the gates")
    func page() {
        let analysis = StatusDocument.Analysis(
            version: "13",
            state: .aborted,
            startedAt: Self.at(minutes: 60),
            elapsedSeconds: 1800,
            minDurationSeconds: 600,
            lastRunAt: Self.at(minutes: 90),
            reason: "error-rate 0.031 above max 0.02",
            checks: [Self.failing]
        )
        let monitor = StatusDocument.Check(
            name: "input-drift",
            value: nil,
            min: nil,
            max: 0.2,
            result: .noData,
            failuresInARow: 0,
            at: Self.at(minutes: 89)
        )
        let html = ModelPage.render(Self.content(analysis: analysis, monitors: [monitor]))
        for text in [
            "<h1>Model ml-prod/fraud-detector</h1>", "version 13 at 10% of traffic",
            "aborted at \(StatusPage.time(Self.at(minutes: 90))), 30m into the analysis: error-rate 0.031 above max 0.02",
            "<td>error-rate</td><td>0.031</td><td>max 0.02</td>",
            "fail (2 in a row)", "<td>input-drift</td><td>no data</td><td>max 0.2</td>", "no-data",
            "s3://acme-models/fraud-detector/13/", "sha256:77b9", "9b41d07c2e", "card-transactions-2026-05",
            "max_depth=7", "<td>auc</td><td>0.937</td><td>≥ 0.90, ≥ stable</td>",
            "Its record is not in the journal yet",
        ] {
            #expect(html.contains(text), "the page shows \(text)")
        }
    }

    @Test("after an abort the page shows the canary serving 0% of traffic, aborted, as /status does")
    func abortedCanaryServing() {
        var content = Self.content(analysis: nil, monitors: [])
        (content.model.canaryTraffic, content.model.canaryAborted) = (0, true)
        let html = ModelPage.render(content)
        #expect(
            html.contains("version 13 at 0% of traffic, aborted: held out of traffic until the model changes in git")
        )
        #expect(!html.contains("at 10% of traffic"))
        #expect(content.model.canaryServing == "13 (0%, aborted)")
    }

    @Test("the timeline is inline SVG: a lane per version, traffic per stretch, times in each bar's title")
    func timelineSVG() throws {
        let html = ModelPage.render(Self.content(analysis: nil, monitors: []))
        let svg = try #require(html.range(of: "<svg").map { String(html[$0.lowerBound...]) })
        #expect(svg.contains("version 12</text>") && svg.contains("version 13</text>"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 2 + 5, "two lanes, five bars")
        #expect(svg.contains(">100%</text>") && svg.contains(">90%</text>") && svg.contains(">10%</text>"))
        let start = StatusPage.time(Self.at(minutes: 60))
        let end = StatusPage.time(Self.at(minutes: 90))
        #expect(svg.contains("<title>version 13 (canary): 10% of traffic, \(start) – \(end); commit 666666666666"))
        #expect(svg.contains("version 13 (canary, aborted): 0% of traffic, \(end) – now"))
        #expect(html.contains("<td>12 + canary 13 (0%, aborted)</td>"), "the table words the abort as the history does")
        #expect(!html.contains("<script"), "no script, and untrusted text escaped")
        #expect(html.contains("canary &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;b&gt;bold&lt;/b&gt;"))
        #expect(html.contains("No canary analysis is running") && html.contains("No monitors have run"))
    }

    @Test("the history is read newest first across rotated files, within a byte budget, whole lines only")
    func boundedHistory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let journal = Journal(directory: directory.url.path, history: HistorySettings(maxSize: 4096, keep: 3))
        var written: [HistoryEntry] = []
        for index in 0..<60 {
            let state = ModelState(namespace: "ml-prod", stable: String(index))
            let entry = Self.change(Double(index), from: nil, to: state, subject: "deploy \(index)")
            try journal.append(entry)
            try journal.append(Self.change(Double(index), from: nil, to: state, model: "churn-predictor"))
            written.append(entry)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(files.contains("history.jsonl.3") && !files.contains("history.jsonl.4"))
        let kept = try journal.history().entries.filter { $0.models.first?.model == "fraud-detector" }

        let all = try journal.recentHistory(byteBudget: 1 << 20, mentioning: "fraud-detector") { _ in true }
        #expect(all.entries == kept && all.complete)

        let recent = try journal.recentHistory(byteBudget: 3000, mentioning: "fraud-detector") { _ in true }
        #expect(!recent.complete)
        #expect(!recent.entries.isEmpty && recent.entries.count < kept.count)
        #expect(recent.entries == Array(kept.suffix(recent.entries.count)), "the newest, oldest first")
        #expect(recent.entries.last == written.last)
    }
}

import Foundation
import Manifests
import Testing

@testable import Analysis

@Suite("Canary analysis decisions")
struct CanaryEvaluatorTests {
    let analysis = CanaryAnalysis(
        interval: .seconds(10),
        failureLimit: 2,
        minDuration: .seconds(30),
        checks: [
            MetricCheck(name: "error-rate", query: QueryTemplate("errors"), max: 0.02),
            MetricCheck(name: "accuracy", query: QueryTemplate("accuracy"), min: 0.9),
        ]
    )
    let start = Date(timeIntervalSince1970: 1_000_000)

    func fresh() -> CanaryProgress {
        CanaryProgress(version: "13", fingerprint: "f", checks: ["error-rate", "accuracy"], startedAt: start)
    }

    /// Runs the evaluator once per entry, 10 s apart, starting at `start`.
    func run(
        _ runs: [[String: Reading]],
        from progress: CanaryProgress? = nil
    ) -> (CanaryProgress, [GuardrailEvent]) {
        let evaluator = CanaryEvaluator(analysis: analysis)
        var progress = progress ?? fresh()
        var events: [GuardrailEvent] = []
        for (index, measurements) in runs.enumerated() {
            let now = start.addingTimeInterval(Double(index) * 10)
            let result = evaluator.evaluate(progress, measurements: measurements, now: now)
            progress = result.progress
            events += result.events
        }
        return (progress, events)
    }

    let good: [String: Reading] = ["error-rate": .value(0.01), "accuracy": .value(0.95)]
    let badErrors: [String: Reading] = ["error-rate": .value(0.031), "accuracy": .value(0.95)]
    let noData: [String: Reading] = [
        "error-rate": .noData(reason: "the query returned no series"), "accuracy": .value(0.95),
    ]

    @Test("failureLimit failed runs in a row abort the canary, naming the check, the value and the bound")
    func abort() {
        let (progress, events) = run([good, badErrors, badErrors])
        #expect(progress.state == .aborted)
        #expect(events.map(\.name) == [.canaryAborted])
        #expect(events.first?.check == "error-rate")
        #expect(events.first?.value == 0.031)
        #expect(events.first?.bound == "max 0.02")
        #expect(progress.reason == "error-rate measured 0.031, above max 0.02 (2 failed runs in a row)")
        #expect(progress.checks.first?.failuresInARow == 2)
    }

    @Test("a failed run below the limit does not abort, and a holding run resets the count")
    func failuresMustBeInARow() {
        let (progress, events) = run([badErrors, good, badErrors, good])
        #expect(progress.state == .running)
        #expect(events.isEmpty)
        #expect(progress.checks.first?.failuresInARow == 0)
    }

    @Test("a value below min fails the check")
    func belowMin() {
        let low: [String: Reading] = ["error-rate": .value(0.0), "accuracy": .value(0.5)]
        let (progress, events) = run([low, low])
        #expect(progress.state == .aborted)
        #expect(events.first?.bound == "min 0.9")
    }

    @Test("every check holding for minDuration passes the canary, once")
    func pass() {
        let (progress, events) = run(Array(repeating: good, count: 6))
        #expect(progress.state == .passed)
        #expect(events.map(\.name) == [.canaryPassed])
        #expect(progress.elapsedSeconds >= 30)
        // Runs 0…3 are 30 s of holding: passed at the fourth run; later runs change nothing.
        let (atFourth, _) = run(Array(repeating: good, count: 4))
        #expect(atFourth.state == .passed)
        let (atThird, _) = run(Array(repeating: good, count: 3))
        #expect(atThird.state == .running)
        #expect(atThird.elapsedSeconds == 20)
    }

    @Test("a failed run below the limit restarts the holding window")
    func failureRestartsWindow() {
        let (progress, _) = run([good, good, good, badErrors, good, good])
        #expect(progress.state == .running)
        #expect(progress.elapsedSeconds == 10)
    }

    @Test("runs without data never pass and never abort; analysis_unavailable is raised once per outage")
    func noDataRuns() {
        let (progress, events) = run([good, noData, noData, noData, noData, noData, noData])
        #expect(progress.state == .unavailable)
        #expect(events.map(\.name) == [.analysisUnavailable])
        #expect(progress.reason?.contains("the query returned no series") == true)
        #expect(progress.elapsedSeconds == 0)
        // Data comes back: running again, and a second outage raises the event again.
        let (again, moreEvents) = run([good, noData, noData], from: progress)
        #expect(moreEvents.map(\.name) == [.analysisUnavailable])
        #expect(again.state == .unavailable)
    }

    @Test("a run without data keeps the holding time and the failure count as they were")
    func noDataKeepsCounts() {
        let (progress, _) = run([good, good, noData, badErrors, noData])
        #expect(progress.state == .running)
        #expect(progress.checks.first?.failuresInARow == 1)
        let (holding, _) = run([good, good, noData])
        #expect(holding.elapsedSeconds == 10)
    }

    @Test("a gap longer than one interval (the daemon was down) counts as one interval")
    func longGapCountsOneInterval() {
        let evaluator = CanaryEvaluator(analysis: analysis)
        var progress = evaluator.evaluate(fresh(), measurements: good, now: start).progress
        progress = evaluator.evaluate(progress, measurements: good, now: start.addingTimeInterval(3600)).progress
        #expect(progress.elapsedSeconds == 10)
        #expect(progress.state == .running)
    }

    @Test("an aborted or passed analysis does not change")
    func finalStates() {
        let (aborted, _) = run([badErrors, badErrors])
        let (after, events) = run([good, good, good, good, good], from: aborted)
        #expect(after == aborted)
        #expect(events.isEmpty)
    }

    @Test("an infinite value is compared with the bounds")
    func infinity() {
        let infinite: [String: Reading] = ["error-rate": .value(.infinity), "accuracy": .value(0.95)]
        let (progress, events) = run([infinite, infinite])
        #expect(progress.state == .aborted)
        #expect(events.first?.message.contains("+Inf") == true)
    }
}

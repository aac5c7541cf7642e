import Foundation
import Manifests
import Testing

@testable import Analysis

@Suite("Monitor decisions")
struct MonitorEvaluatorTests {
    let evaluator = MonitorEvaluator(
        monitors: [MetricCheck(name: "drift-score", query: QueryTemplate("drift"), max: 0.3)],
        failureLimit: 2
    )
    let start = Date(timeIntervalSince1970: 2_000_000)

    func run(_ values: [Reading]) -> (MonitorProgress, [GuardrailEvent]) {
        var progress = MonitorProgress(version: "12", checks: ["drift-score"])
        var events: [GuardrailEvent] = []
        for (index, value) in values.enumerated() {
            let result = evaluator.evaluate(
                progress,
                measurements: ["drift-score": value],
                now: start.addingTimeInterval(Double(index))
            )
            progress = result.progress
            events += result.events
        }
        return (progress, events)
    }

    @Test("a monitor failing failureLimit runs in a row degrades the model, once; holding again recovers it")
    func degradeAndRecover() {
        let (progress, events) = run([.value(0.1), .value(0.5), .value(0.6), .value(0.7), .value(0.2), .value(0.1)])
        #expect(events.map(\.name) == [.modelDegraded, .modelRecovered])
        #expect(events.first?.check == "drift-score")
        #expect(events.first?.value == 0.6)
        #expect(events.first?.bound == "max 0.3")
        #expect(progress.checks.first?.degraded == false)
    }

    @Test("runs without data neither degrade nor recover")
    func noData() {
        let gap = Reading.noData(reason: "the query returned no series")
        let (progress, events) = run([.value(0.5), gap, gap, gap, .value(0.5), gap, gap])
        #expect(events.map(\.name) == [.modelDegraded])
        #expect(progress.checks.first?.degraded == true)
        #expect(progress.checks.first?.result == .noData)
    }
}

import Foundation
import MooringDaemon
import ScenarioSupport
import TestSupport
import Testing

@Suite("Scenario: the daemon's model pages, and mooring promote asking the daemon")
struct ModelPageScenarioTests {
    @Test("the status page links each model to its page: records, gates and the timeline, also after a restart")
    func modelPage() async throws {
        try await withSyncScenario { scenario in
            let daemon = try await DaemonProcess.start(scenario)
            try await daemon.waitUntilReady()
            let status = try await daemon.get("/")
            #expect(status.body.contains(#"<a href="/models/default/ml-prod/fraud-detector">fraud-detector</a>"#))

            let page = try await daemon.get("/models/default/ml-prod/fraud-detector")
            #expect(page.status == 200)
            for text in [
                "<h1>Model ml-prod/fraud-detector</h1>", "Version 12 (stable)", "Version 13 (canary)",
                "s3://acme-models/fraud-detector/13/", "9b41d07c2e", "card-transactions-2026-05",
                "<td>auc</td><td>0.937</td><td>≥ 0.90, ≥ stable</td>", "<svg", "version 13</text>", ">10%</text>",
                "first deploy", "No canary analysis is running",
            ] {
                #expect(page.body.contains(text), "the model page shows \(text)")
            }
            #expect(try await daemon.get("/models/default/ml-prod/nope").status == 404)
            #expect(try await daemon.get("/models/elsewhere/ml-prod/fraud-detector").status == 404)
            #expect(try await daemon.get("/models/default/ml%2Dprod/churn-predictor").status == 200, "percent-decoded")

            let folder = scenario.repository.work.path
            let promote = try await scenario.mooring("promote", "fraud-detector", "--repo", folder)
            #expect(promote.status == 0, "\(promote.stderr)")
            #expect(
                promote.stdout.contains(
                    "The daemon at \(daemon.baseURL) has no analysis of version 13 (the ModelDeployment has no "
                        + "`spec.analysis`, or the canary has not served yet)."
                ),
                "\(promote.stdout)"
            )
            #expect(try await daemon.stop() == 0)

            let restarted = try await daemon.restarted(scenario)
            try await restarted.waitUntilReady()
            let again = try await restarted.get("/models/default/ml-prod/fraud-detector")
            #expect(again.body.contains("s3://acme-models/fraud-detector/13/"), "the records survive a restart")
            #expect(again.body.contains("first deploy"), "and so does the timeline")
            #expect(try await restarted.stop() == 0)
        }
    }
}

import Cluster
import Foundation
import URLLoading

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension DemoGuardrailStep {
    /// Climbs the canary's error rate, showing each value as the daemon's check reads it, until the daemon aborts
    /// the canary; then shows the abort from the cluster and from the daemon.
    func watch(_ exporter: DemoExporter, daemon: DemoBackground, url: String) async throws {
        try await showCheck(reading: Self.healthyRatio, daemon: daemon, url: url, timeout: Self.startTimeout)
        for ratio in Self.climbingRatios {
            exporter.setCanaryRatio(ratio)
            try await showCheck(reading: ratio, daemon: daemon, url: url, timeout: Self.changeTimeout)
        }
        let syncs = await DemoDaemonStatus.syncsFinished(url) ?? 0
        exporter.setCanaryRatio(Self.failingRatio)
        console.say("Canary 13's error rate climbs to \(Self.failingRatio), over the check's max of 0.02.")
        // The abort, and the sync it starts (which applies the hold), have finished.
        try await DemoWait.until("the daemon to abort canary 13", timeout: Self.changeTimeout) {
            try daemon.checkRunning()
            guard await showsAbort(url) else { return false }
            return await DemoDaemonStatus.syncsFinished(url) ?? 0 > syncs
        }
        try await DemoWait.until("canary 13 to be out of traffic in the cluster", timeout: Self.changeTimeout) {
            try daemon.checkRunning()
            return try await canaryTraffic() == "0"
        }
        try await scene.showInferenceServices()
        console.say(
            "canaryTrafficPercent 0: KServe sends every request to the stable version, 12, and the canary stays out "
                + "of traffic until fraud-detector changes in git."
        )
        try await DemoWait.until("the daemon's status to show the abort", timeout: Self.changeTimeout) {
            try daemon.checkRunning()
            return await showsAbort(url)
        }
        console.command("mooring status --config mooring.yaml")
        try await commands.status(["--config", "mooring.yaml"])
        console.flush()
        try await showModelPage(url)
    }

    /// Whether the daemon's status shows canary 13 aborted and serving no traffic, with no sync running.
    private func showsAbort(_ url: String) async -> Bool {
        guard let status = await DemoDaemonStatus.read(url), let model = status.model(Self.model) else { return false }
        return !status.syncing && model.analysis?.state == "aborted" && model.canaryTraffic == 0
    }

    /// Waits until the daemon's check has read `ratio`, and shows that reading as `mooring status` does.
    private func showCheck(reading ratio: Double, daemon: DemoBackground, url: String, timeout: Duration) async throws {
        console.say("Canary 13's error rate is \(ratio).")
        var result: String?
        try await DemoWait.until("the daemon's error-rate check to read \(ratio)", timeout: timeout) {
            try daemon.checkRunning()
            let check = await DemoDaemonStatus.read(url)?.model(Self.model)?.analysis?.checks?.first
            result = check?.result
            return check?.value == ratio
        }
        console.say("  the daemon's check: error-rate \(ratio) (max 0.02): \(result ?? "?")")
    }

    /// `spec.predictor.canaryTrafficPercent` of fraud-detector's InferenceService, as kubectl reads it.
    private func canaryTraffic() async throws -> String {
        let output = try await scene.cluster.run(
            KubectlCommand([
                "get", "inferenceservice/\(Self.model)", "-n", "ml-prod", "-o",
                "jsonpath={.spec.predictor.canaryTrafficPercent}",
            ])
        )
        return String(decoding: output.standardOutput, as: UTF8.self)
    }

    /// Shows where the model page is, once it says what `mooring status` said.
    private func showModelPage(_ url: String) async throws {
        let page = "\(url)/models/default/ml-prod/\(Self.model)"
        guard let address = URL(string: page),
            let (data, _) = try? await URLSession.shared.cancellableData(for: URLRequest(url: address)),
            String(decoding: data, as: UTF8.self).contains("aborted")
        else {
            throw DemoError(code: .stepFailed, message: "the model page \(page) does not show the aborted canary")
        }
        console.say("The model page, \(page), shows the same: canary 13 aborted, out of traffic; 12 serving.")
    }
}

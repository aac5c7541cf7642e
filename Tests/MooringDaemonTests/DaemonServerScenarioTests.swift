import Foundation
import MooringCore
import MooringDaemon
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: the daemon's status page, /status, /metrics, probes and push webhook")
struct DaemonServerScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test("after the first sync, /status, the probes, the page and mooring status show the commit and the versions")
    func statusAfterFirstSync() async throws {
        try await withSyncScenario { scenario in
            let daemon = try await DaemonProcess.start(scenario)
            try await daemon.waitUntilReady()
            #expect(try await daemon.get("/healthz").body == "ok\n")
            #expect(try await daemon.get("/readyz").body == "ready\n")

            let status = try await daemon.status()
            let commit = try #require(try scenario.journalState().lastAppliedCommit)
            #expect(status.version == MooringVersion.current)
            #expect(status.ready && !status.syncing && status.nextSyncAt != nil)
            let target = try #require(status.targets.first)
            #expect(target.name == "default" && target.outcome == "applied" && target.lastSyncAt != nil)
            #expect(target.commit?.id == commit && target.commit?.subject == "first deploy")
            #expect(target.commit?.author?.isEmpty == false)
            #expect(
                target.models.map { "\($0.name) \($0.stable) \($0.canary ?? "-") \($0.canaryTraffic ?? 0)" }
                    == ["churn-predictor 7 - 0", "fraud-detector 12 13 10"]
            )
            #expect(target.drift.isEmpty)
            #expect(status.events.contains { $0.event == "sync_applied" && $0.target == "default" })

            let page = try await daemon.get("/")
            #expect(page.status == 200 && page.body.contains("<meta http-equiv=\"refresh\""))
            for text in [String(commit.prefix(12)), "first deploy", "fraud-detector", "13 (10%)", "sync_applied"] {
                #expect(page.body.contains(text), "the page shows \(text)")
            }
            #expect(try await daemon.post("/hooks/git", body: "{}").status == 404, "no webhook without a secret")

            let text = try await scenario.mooring("status", "--format", "text")
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("default: applied"), "\(text.stdout)")
            #expect(text.stdout.contains("ml-prod/fraud-detector 12 + canary 13 (10%)"), "\(text.stdout)")
            let json = try await MooringBinary.run(["status", "--url", daemon.baseURL, "--format", "json"])
            try #require(json.status == 0, "\(json.stderr)")
            #expect(try StatusDocument(json: Data(json.stdout.utf8)).targets.first?.commit?.id == commit)

            #expect(try await daemon.stop() == 0)
        }
    }

    @Test("/metrics counts each sync with its result, and a model's info series goes with the model")
    func metrics() async throws {
        try await withSyncScenario { scenario in
            let daemon = try await DaemonProcess.start(scenario, webhookSecret: "metrics-hook-secret")
            try await daemon.waitUntilReady()
            let first = try #require(try scenario.journalState().lastAppliedCommit)
            let churn = #"model="churn-predictor",namespace="ml-prod",stable="7",canary="""#
            var metrics = try await daemon.get("/metrics").body
            #expect(value(metrics, #"mooring_sync_total{target="default",result="applied"}"#) == 1)
            #expect(value(metrics, #"mooring_sync_duration_seconds_count{target="default"}"#) == 1)
            #expect(value(metrics, #"mooring_last_sync_timestamp_seconds{target="default"}"#) ?? 0 > 0)
            #expect(value(metrics, #"mooring_source_commit_info{target="default",commit="\#(first)"}"#) == 1)
            #expect(value(metrics, #"mooring_drift_objects{target="default"}"#) == 0)
            #expect(value(metrics, #"mooring_model_info{target="default",\#(churn)}"#) == 1)
            #expect(value(metrics, #"mooring_kubectl_calls_total{verb="apply",result="success"}"#) ?? 0 >= 1)
            #expect(value(metrics, #"mooring_git_requests_total{op="fetch",result="success"}"#) ?? 0 >= 1)

            try scenario.remove("models/churn-predictor")
            let second = try await scenario.push("retire churn-predictor")
            let hook = try await daemon.post(
                "/hooks/git",
                body: "{}",
                headers: ["X-Gitlab-Token": "metrics-hook-secret"]
            )
            #expect(hook.status == 202)
            try await waitUntil("the model is gone from /metrics") {
                metrics = try await daemon.get("/metrics").body
                return value(metrics, #"mooring_source_commit_info{target="default",commit="\#(second)"}"#) == 1
            }
            #expect(value(metrics, #"mooring_sync_total{target="default",result="applied"}"#) == 2)
            #expect(!metrics.contains("churn-predictor"), "the info series of a model that is gone is dropped")
            #expect(!metrics.contains(first), "the info series of the previous commit is dropped")
            #expect(metrics.contains(#"model="fraud-detector""#))
            #expect(try await daemon.stop() == 0)
        }
    }

    @Test("a push webhook with a valid token syncs at once; a wrong or missing signature gets 401 and no sync")
    func webhook() async throws {
        try await withSyncScenario { scenario in
            let daemon = try await DaemonProcess.start(scenario, webhookSecret: "the-hook-secret")
            try await daemon.waitUntilReady()
            let first = try #require(try scenario.journalState().lastAppliedCommit)
            try scenario.edit("cluster/model-serving-config.yaml", replacing: "ml-prod", with: "ml-prod\n  # pushed")
            let second = try await scenario.push("a change the webhook announces")

            let refused: [[String: String]] = [
                ["X-Hub-Signature-256": "sha256=" + String(repeating: "0", count: 64)],
                ["X-Gitea-Signature": String(repeating: "ab", count: 32)],
                ["X-Gitlab-Token": "not-the-secret"],
                [:],
            ]
            for headers in refused {
                #expect(try await daemon.post("/hooks/git", body: "{}", headers: headers).status == 401, "\(headers)")
            }
            let untouched = try await daemon.status()
            #expect(!untouched.syncing && untouched.targets.first?.commit?.id == first, "a refused call syncs nothing")

            let accepted = try await daemon.post(
                "/hooks/git",
                body: "{}",
                headers: ["X-Gitlab-Token": "the-hook-secret"]
            )
            #expect(accepted.status == 202)
            try await waitUntil("the pushed commit is synced") {
                let status = try await daemon.status()
                return !status.syncing && status.targets.first?.commit?.id == second
            }
            let metrics = try await daemon.get("/metrics").body
            let syncs = metrics.split(separator: "\n").filter { $0.hasPrefix("mooring_sync_total{") }
                .compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +)
            #expect(syncs == 2, "the first sync and the one the webhook asked for:\n\(metrics)")
            #expect(try await daemon.stop() == 0)
        }
    }

    @Test("the page shows a hostile commit subject as text, and no endpoint shows a Secret value or the hook secret")
    func escapingAndSecrets() async throws {
        var files = try Example.files()
        files["cluster/credentials.yaml"] = """
            apiVersion: v1
            kind: Secret
            metadata: {name: model-registry-credentials, namespace: ml-prod}
            stringData: {token: registry-token-7f3a9c}

            """
        try await withSyncScenario(files: files) { scenario in
            try scenario.edit("cluster/model-serving-config.yaml", replacing: "ml-prod", with: "ml-prod\n  # hostile")
            _ = try await scenario.push(#"<script>alert("owned")</script> & more"#)
            let daemon = try await DaemonProcess.start(scenario, webhookSecret: "hook-secret-5d1e")
            try await daemon.waitUntilReady()
            #expect(try await daemon.status().targets.first?.outcome == "applied")

            let page = try await daemon.get("/").body
            #expect(page.contains("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; more"), "\(page)")
            #expect(!page.contains("<script"), "nothing from git becomes markup")
            let secretForms = ["registry-token-7f3a9c", Data("registry-token-7f3a9c".utf8).base64EncodedString()]
            for path in ["/", "/status", "/metrics"] {
                let body = try await daemon.get(path).body
                for secret in secretForms + ["hook-secret-5d1e"] {
                    #expect(!body.contains(secret), "\(path) shows no secret")
                }
            }
            #expect(try await daemon.stop() == 0)
        }
    }

    @Test("a listen address in use stops mooring run at once with an error naming it and server.listen")
    func listenAddressInUse() async throws {
        try await withSyncScenario { scenario in
            let holder = try SilentTCPListener()
            try DaemonProcess.configure(scenario) { $0 + "server:\n  listen: 127.0.0.1:\(holder.port)\n" }
            let result = try await scenario.mooring("run")
            #expect(result.status == 1)
            #expect(result.stderr.contains("127.0.0.1:\(holder.port) (server.listen)"), "\(result.stderr)")
            #expect(result.stderr.contains("in use"), "\(result.stderr)")
            #expect(scenario.writeCalls().isEmpty, "no sync ran")
            #expect(!FileManager.default.fileExists(atPath: scenario.journal.statePath), "no sync ran")
        }
    }

    @Test("mooring status against a closed port exits 1 and says what to check")
    func statusUnreachable() async throws {
        let port = try freeLoopbackPort()
        let result = try await MooringBinary.run(["status", "--url", "http://127.0.0.1:\(port)"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("no Mooring daemon answers at http://127.0.0.1:\(port)/status"),
            "\(result.stderr)"
        )
        #expect(result.stderr.contains("mooring run"), "\(result.stderr)")
    }

    /// The value of the sample `series` (name and labels exactly as exposed), if there is one.
    private func value(_ metrics: String, _ series: String) -> Double? {
        metrics.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap {
            Double($0.dropFirst(series.count + 1))
        }
    }
}

import Foundation
import MooringCore
import TestSupport
import Testing

/// `mooring record` against a real MLflow tracking server, with runs logged by MLflow's own client.
@Suite(
    "mooring record from a real MLflow server",
    .serialized,
    .enabled(if: MLflowHarness.isInstalled, "mlflow is not installed (scripts/bootstrap installs it from PyPI)")
)
struct RecordCommandTests {
    @Test("a run becomes a record that validates, with the run's metrics, params, code, data and artifact digest")
    func recordsARun() async throws {
        let scenario = try await RecordScenario()
        defer { scenario.remove() }
        let runID = scenario.server.runs.run
        let result = try await scenario.mooring([
            "record", "fraud-detector", "14", "--from-mlflow", runID, "--tracking-uri", scenario.server.url,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let record = try YAMLReader.documents(
            in: String(contentsOfFile: scenario.record("fraud-detector", "14"), encoding: .utf8)
        )[0].value
        let spec = try #require(record["spec"])
        #expect(spec["metrics"]?["auc"] == .double(0.93))
        #expect(spec["metrics"]?["false_positive_rate"] == .double(0.04))
        #expect(
            spec["hyperparameters"]
                == .object([
                    "max_depth": .int(6), "learning_rate": .double(0.05), "algorithm": .string("gradient_boosting"),
                ])
        )
        #expect(
            spec["code"]
                == .object([
                    "repo": .string("https://git.example.com/ml/fraud-detector.git"), "commit": .string("3f2c9e1a7b5d"),
                ])
        )
        let data = try #require(spec["data"]?.arrayValue)
        #expect(data.map { $0["role"]?.stringValue ?? "" } == ["evaluation", "training"])
        #expect(data[1]["name"] == .string("card-transactions-2026-04"))
        #expect(data[1]["digest"] == .string("mlflow:0123abcd"))
        let uri = try #require(spec["artifact"]?["uri"]?.stringValue)
        #expect(uri.hasPrefix(scenario.server.folder) && uri.contains("/models/m-"))
        let digest = try run([
            "sh", "-c",
            "cd \"$1\" && find -L . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum", "sh",
            uri,
        ]).stdout
        #expect(spec["artifact"]?["digest"] == .string("sha256:" + String(digest.prefix(64))))
        let annotations = record["metadata"]?["annotations"]
        #expect(annotations?["mooring.dev/mlflow-run-id"] == .string(runID))
        #expect(annotations?["mooring.dev/mlflow-tracking-uri"] == .string(scenario.server.url))
        // auc 0.93 is below stable 12's 0.931, and the canary gate asks for no regression.
        #expect(result.stdout.contains("could not go live"))
        #expect(result.stdout.contains("fails gate auc ≥ stable"))
        let validation = try await scenario.mooring(["validate", "deploy-manifests"])
        #expect(validation.status == 0, "\(validation.stdout)")
    }

    @Test("an existing record is never overwritten, and the command says so")
    func keepsAnExistingRecord() async throws {
        let scenario = try await RecordScenario()
        defer { scenario.remove() }
        let before = try String(contentsOfFile: scenario.record("fraud-detector", "13"), encoding: .utf8)
        let result = try await scenario.mooring([
            "record", "fraud-detector", "13", "--from-mlflow", scenario.server.runs.run,
            "--tracking-uri", scenario.server.url,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("already exists") && result.stderr.contains("immutable"))
        #expect(try String(contentsOfFile: scenario.record("fraud-detector", "13"), encoding: .utf8) == before)
    }

    @Test("a registered model version names its run; the version passes the gates as a canary")
    func recordsARegisteredVersion() async throws {
        let scenario = try await RecordScenario()
        defer { scenario.remove() }
        let registered = scenario.server.runs.registered
        let result = try await scenario.mooring(
            ["record", "fraud-detector", "14", "--from-mlflow-model", "\(registered.name)/\(registered.version)"],
            environment: ["MLFLOW_TRACKING_URI": scenario.server.url]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: scenario.record("fraud-detector", "14"), encoding: .utf8)
        let record = try YAMLReader.documents(in: text)[0].value
        #expect(record["metadata"]?["annotations"]?["mooring.dev/mlflow-run-id"] == .string(registered.run))
        #expect(record["metadata"]?["annotations"]?["mooring.dev/mlflow-model-version"] == .string("fraud-detector/1"))
        #expect(record["spec"]?["metrics"]?["auc"] == .double(0.95))
        #expect(result.stdout.contains("could go live") && result.stdout.contains("as a canary against stable 12"))
        let check = try await scenario.mooring(
            ["record", "fraud-detector", "14", "--check"],
            environment: ["MLFLOW_TRACKING_URI": scenario.server.url]
        )
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("a remote artifact without a recorded digest: the record says why, and the version cannot go live")
    func recordsAMissingDigest() async throws {
        let scenario = try await RecordScenario()
        defer { scenario.remove() }
        let remote = scenario.server.runs.remote
        let result = try await scenario.mooring([
            "record", "fraud-detector", "15", "--from-mlflow-model", "\(remote.name)/\(remote.version)",
            "--tracking-uri", scenario.server.url,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: scenario.record("fraud-detector", "15"), encoding: .utf8)
        let artifact = try YAMLReader.documents(in: text)[0].value["spec"]?["artifact"]
        #expect(artifact?["uri"] == .string("s3://acme-models/fraud-detector/15/"))
        #expect(artifact?["digest"] == nil)
        #expect(artifact?["noDigest"]?.stringValue?.contains("MLflow records no digest") == true)
        #expect(result.stdout.contains("could not go live") && result.stdout.contains("has no artifact digest"))
        let validation = try await scenario.mooring(["validate", "deploy-manifests"])
        #expect(validation.status == 0, "\(validation.stdout)")
    }

    @Test("with --config, the host's gate floors apply at record time too")
    func appliesHostFloors() async throws {
        let scenario = try await RecordScenario()
        defer { scenario.remove() }
        let config = scenario.checkout.path("mooring.yaml")
        try "source: {url: \"file:///srv/deployments.git\"}\npolicy: {gateFloors: {auc: {min: 0.96}}}\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let registered = scenario.server.runs.registered
        let result = try await scenario.mooring([
            "record", "fraud-detector", "14", "--from-mlflow-model", "\(registered.name)/\(registered.version)",
            "--tracking-uri", scenario.server.url, "--config", config,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("could not go live"))
        #expect(
            result.stdout.contains("fraud-detector version 14 fails the host's gate floor auc ≥ 0.96 (record: 0.95")
        )
        // Stable 12 fails the floor too, but that is not the new version's problem.
        #expect(!result.stdout.contains("version 12 fails"))
    }

    @Test("--metric records only the metrics named")
    func choosesMetrics() async throws {
        let scenario = try await RecordScenario()
        defer { scenario.remove() }
        let result = try await scenario.mooring([
            "record", "fraud-detector", "14", "--from-mlflow", scenario.server.runs.run,
            "--tracking-uri", scenario.server.url, "--metric", "auc",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let record = try YAMLReader.documents(
            in: String(contentsOfFile: scenario.record("fraud-detector", "14"), encoding: .utf8)
        )[0].value
        #expect(record["spec"]?["metrics"] == .object(["auc": .double(0.93)]))
    }

    @Test("a missing run, a run without a model, and a server that is down are errors that say so")
    func reportsFailures() async throws {
        let scenario = try await RecordScenario()
        defer { scenario.remove() }
        let missing = try await scenario.mooring([
            "record", "fraud-detector", "14", "--from-mlflow", "0123456789abcdef", "--tracking-uri",
            scenario.server.url,
        ])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("has no run 0123456789abcdef"))
        let bare = try await scenario.mooring([
            "record", "fraud-detector", "14", "--from-mlflow", scenario.server.runs.bare, "--tracking-uri",
            scenario.server.url,
        ])
        #expect(bare.status == 1)
        #expect(bare.stderr.contains("logged no model"))
        let down = "http://127.0.0.1:\(try freeLoopbackPort())"
        let unreachable = try await scenario.mooring([
            "record", "fraud-detector", "14", "--from-mlflow", scenario.server.runs.run, "--tracking-uri", down,
        ])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("cannot reach the MLflow tracking server at \(down)"))
        let unset = try await scenario.mooring(["record", "fraud-detector", "14", "--from-mlflow", "x"])
        #expect(unset.status == 2)
        #expect(unset.stderr.contains("MLFLOW_TRACKING_URI"))
        #expect(!FileManager.default.fileExists(atPath: scenario.record("fraud-detector", "14")))
    }

    @Test("MLFLOW_TRACKING_TOKEN reaches the server as a bearer token and is never printed")
    func sendsTheToken() async throws {
        let scenario = try await RecordScenario()
        defer { scenario.remove() }
        let token = "s3cr3t-\(UUID().uuidString)"
        let proxy = try await BearerProxy(
            upstream: scenario.server.url,
            token: token,
            folder: scenario.checkout.url.path
        )
        let refused = try await scenario.mooring([
            "record", "fraud-detector", "14", "--from-mlflow", scenario.server.runs.run, "--tracking-uri", proxy.url,
        ])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("HTTP 401") && refused.stderr.contains("MLFLOW_TRACKING_TOKEN"))
        let wrong = try await scenario.mooring(
            ["record", "fraud-detector", "14", "--from-mlflow", scenario.server.runs.run, "--tracking-uri", proxy.url],
            environment: ["MLFLOW_TRACKING_TOKEN": "not-" + token]
        )
        #expect(wrong.status == 1)
        #expect(!wrong.stderr.contains("not-" + token))
        let accepted = try await scenario.mooring(
            ["record", "fraud-detector", "14", "--from-mlflow", scenario.server.runs.run],
            environment: ["MLFLOW_TRACKING_URI": proxy.url, "MLFLOW_TRACKING_TOKEN": token]
        )
        try await proxy.stop()
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(proxy.requests.contains { $0.hasPrefix("authorized /api/2.0/mlflow/runs/get") })
        let written = try String(contentsOfFile: scenario.record("fraud-detector", "14"), encoding: .utf8)
        for text in [accepted.stdout, accepted.stderr, refused.stdout, refused.stderr, written] {
            #expect(!text.contains(token))
        }
    }

    @Test("--check finds a record that matches its run, and reports every field edited by hand")
    func checksARecord() async throws {
        let scenario = try await RecordScenario()
        defer { scenario.remove() }
        let arguments = ["record", "fraud-detector", "14", "--tracking-uri", scenario.server.url]
        let written = try await scenario.mooring(arguments + ["--from-mlflow", scenario.server.runs.run])
        #expect(written.status == 0, "\(written.stderr)")
        let matches = try await scenario.mooring(arguments + ["--check"])
        #expect(matches.status == 0, "\(matches.stdout)\(matches.stderr)")
        #expect(matches.stdout.contains("matches MLflow run \(scenario.server.runs.run)"))
        let path = scenario.record("fraud-detector", "14")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "auc: 0.93", with: "auc: 0.95")
        text = text.replacingOccurrences(of: "max_depth: 6", with: "max_depth: 8")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let edited = try await scenario.mooring(arguments + ["--check", "--from-mlflow", scenario.server.runs.run])
        #expect(edited.status == 1)
        #expect(edited.stdout.contains("in 2 fields"))
        #expect(edited.stdout.contains("spec.metrics.auc: the record has 0.95, the run has 0.93"))
        #expect(edited.stdout.contains("spec.hyperparameters.max_depth: the record has 8, the run has 6"))
    }
}

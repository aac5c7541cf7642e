import Analysis
import Foundation
import Manifests
import TestSupport
import Testing

/// Queries against a real Prometheus scraping a test exporter on 127.0.0.1.
@Suite("Prometheus client against a real Prometheus", .enabled(if: PrometheusServer.isInstalled))
struct PrometheusClientTests {
    @Test("a check's value, no data, several series and NaN, as Prometheus answers them")
    func answers() async throws {
        try await withPrometheus { prometheus, exporter in
            exporter.set(#"prediction_error_ratio{model="fraud",version="13"}"#, 0.031)
            exporter.set(#"prediction_error_ratio{model="fraud",version="12"}"#, 0.004)
            exporter.set(#"zero_ratio{model="fraud"}"#, .nan)
            try await prometheus.waitForSeries(#"prediction_error_ratio{version="13"}"#)
            let runner = CheckRunner(client: PrometheusClient(url: prometheus.url, timeout: .seconds(5)))
            let checks = [
                MetricCheck(
                    name: "error-rate",
                    query: QueryTemplate(#"prediction_error_ratio{model="{{model}}",version="{{version}}"}"#),
                    max: 0.02
                ),
                MetricCheck(name: "absent", query: QueryTemplate(#"prediction_error_ratio{model="other"}"#), max: 1),
                MetricCheck(name: "both", query: QueryTemplate(#"prediction_error_ratio{model="{{model}}"}"#), max: 1),
                MetricCheck(name: "nan", query: QueryTemplate(#"zero_ratio{model="{{model}}"}"#), max: 1),
                MetricCheck(name: "scalar", query: QueryTemplate("scalar(vector(2))"), max: 1),
            ]
            let measured = await runner.measure(
                checks,
                variables: [.model: "fraud", .version: "13", .stable: "12", .namespace: "ml"],
                subject: "ml/fraud canary 13"
            )
            #expect(measured["error-rate"] == .value(0.031))
            #expect(measured["absent"] == .noData(reason: "the query returned no series"))
            guard case .noData(let several) = measured["both"] else {
                Issue.record("two series gave \(String(describing: measured["both"]))")
                return
            }
            #expect(several.contains("returned 2 series"))
            #expect(measured["nan"]?.value == nil)
            #expect(measured["scalar"] == .value(2))
        }
    }

    @Test("a bad query is reported with Prometheus' reason")
    func badQuery() async throws {
        try await withPrometheus { prometheus, _ in
            let client = PrometheusClient(url: prometheus.url, timeout: .seconds(5))
            await #expect {
                try await client.measure("sum(", what: "check broken")
            } throws: { error in
                let message = (error as? AnalysisError)?.message ?? ""
                return message.hasPrefix("Prometheus refused check broken (bad_data)")
            }
        }
    }

    @Test("Prometheus down is unreachable within the timeout, and the error holds no token")
    func unreachable() async throws {
        try await withTemporaryDirectory { directory in
            let tokenFile = directory.appendingPathComponent("token").path
            try "s3cr3t-token-value\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
            let port = try freeLoopbackPort()
            let url = try #require(URL(string: "http://127.0.0.1:\(port)"))
            let client = PrometheusClient(url: url, bearerTokenFile: tokenFile, timeout: .seconds(2))
            let started = ContinuousClock.now
            await #expect {
                try await client.measure("up", what: "check up")
            } throws: { error in
                guard let error = error as? AnalysisError else { return false }
                return error.code == .unreachable && !error.message.contains("s3cr3t")
                    && error.message.contains("127.0.0.1:\(port)")
            }
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test("refused credentials and an unreadable token file are clear errors without the token")
    func bearerToken() async throws {
        try await withWebhookReceiver(answers: [.init(401)]) { receiver in
            try await withTemporaryDirectory { directory in
                let tokenFile = directory.appendingPathComponent("token").path
                try "s3cr3t-token-value\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
                let url = try #require(URL(string: receiver.url("")))
                let client = PrometheusClient(url: url, bearerTokenFile: tokenFile, timeout: .seconds(5))
                await #expect {
                    try await client.measure("up", what: "check up")
                } throws: { error in
                    guard let error = error as? AnalysisError else { return false }
                    return error.code == .unauthorized && !error.message.contains("s3cr3t")
                }
                #expect(receiver.requests.first?.path == "/api/v1/query")
                let missing = PrometheusClient(url: url, bearerTokenFile: directory.appendingPathComponent("none").path)
                await #expect {
                    try await missing.measure("up", what: "check up")
                } throws: { error in
                    (error as? AnalysisError)?.code == .credentials
                }
            }
        }
    }
}

/// A Prometheus scraping a fresh exporter, both stopped afterwards.
func withPrometheus(
    _ body: (PrometheusServer, MetricsExporter) async throws -> Void
) async throws {
    let exporter = try await MetricsExporter.start()
    let prometheus: PrometheusServer
    do {
        prometheus = try await PrometheusServer.start(scraping: [exporter.target])
    } catch {
        await exporter.stop()
        throw error
    }
    do {
        try await body(prometheus, exporter)
    } catch {
        await prometheus.stop()
        await exporter.stop()
        throw error
    }
    await prometheus.stop()
    await exporter.stop()
}

import Foundation
import Sync
import TestSupport
import Testing

@Suite("Host configuration: analysis.prometheus")
struct AnalysisSettingsTests {
    private func load(_ text: String, in directory: URL) throws -> MooringConfiguration {
        let path = directory.appendingPathComponent("mooring.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try MooringConfiguration.load(from: path)
    }

    private let base = """
        source: {url: /srv/deploy.git}
        cluster: {kubeconfig: kubeconfig}
        inventory: {namespace: mooring-system}

        """

    @Test("url, bearer token file and timeout are read; without the section nothing is evaluated")
    func reads() async throws {
        try await withTemporaryDirectory { directory in
            for file in ["kubeconfig", "prometheus-token"] {
                try "x".write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
            }
            let configuration = try load(
                base + """
                    analysis:
                      prometheus: {url: "http://prometheus.monitoring:9090", bearerTokenFile: prometheus-token, timeout: 5s}
                    """,
                in: directory
            )
            let prometheus = try #require(configuration.analysis.prometheus)
            #expect(prometheus.url.absoluteString == "http://prometheus.monitoring:9090")
            #expect(prometheus.bearerTokenFile == directory.path + "/prometheus-token")
            #expect(prometheus.timeout == .seconds(5))
            #expect(try load(base, in: directory).analysis.prometheus == nil)
        }
    }

    @Test("the guardrails need the inventory in the cluster")
    func needsInventory() async throws {
        try await withTemporaryDirectory { directory in
            try "x".write(to: directory.appendingPathComponent("kubeconfig"), atomically: true, encoding: .utf8)
            let text = """
                source: {url: /srv/deploy.git}
                cluster: {kubeconfig: kubeconfig}
                analysis:
                  prometheus: {url: "http://prometheus:9090"}
                """
            #expect {
                try load(text, in: directory)
            } throws: { error in
                let problem = (error as? ConfigurationError)?.problems.first { $0.key == "analysis.prometheus" }
                return problem?.message.contains("needs inventory.namespace") == true && problem?.line == 4
            }
        }
    }

    @Test("a bad url, credentials in the url, an unknown key and a missing token file are named with their line")
    func problems() async throws {
        try await withTemporaryDirectory { directory in
            try "x".write(to: directory.appendingPathComponent("kubeconfig"), atomically: true, encoding: .utf8)
            for (text, key, line, message) in [
                ("analysis:\n  prometheus: {url: \"ftp://x\"}", "analysis.prometheus.url", 5, "http://"),
                ("analysis:\n  prometheus: {url: \"http://u:p@x:9090\"}", "analysis.prometheus.url", 5, "no user"),
                ("analysis:\n  prometheus: {url: \"http://x\", tls: 1}", "analysis.prometheus.tls", 5, "unknown key"),
                (
                    "analysis:\n  prometheus:\n    url: http://x\n    bearerTokenFile: missing",
                    "analysis.prometheus.bearerTokenFile", 7, "cannot be read"
                ),
                ("analysis:\n  prometheus: {timeout: 5s}", "analysis.prometheus.url", 5, "is required"),
            ] {
                do {
                    _ = try load(base + text, in: directory)
                    Issue.record("accepted: \(text)")
                } catch let error as ConfigurationError {
                    let problem = error.problems.first { $0.key == key }
                    #expect(problem?.message.contains(message) == true, "\(error.problems)")
                    #expect(problem?.line == line, "\(error.problems)")
                }
            }
        }
    }
}

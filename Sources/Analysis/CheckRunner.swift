public import Manifests

/// Runs one model's checks against Prometheus: each query filled in with the model's variables, then measured.
/// A query that cannot give one value (Prometheus unreachable or refusing, several series) is a run without data
/// whose reason says why: it never passes, and never aborts a canary by itself.
public struct CheckRunner: Sendable {
    public let client: PrometheusClient

    public init(client: PrometheusClient) {
        self.client = client
    }

    /// The measurement of each check, by name; `subject` names the model in errors (`ml-prod/fraud canary 13`).
    public func measure(
        _ checks: [MetricCheck],
        variables: [QueryTemplate.Variable: String],
        subject: String
    ) async -> [String: Reading] {
        var measurements: [String: Reading] = [:]
        for check in checks {
            let query = check.query.rendered(variables)
            do {
                measurements[check.name] = try await client.measure(query, what: "check \(check.name) of \(subject)")
            } catch {
                measurements[check.name] = .noData(reason: error.message)
            }
        }
        return measurements
    }
}

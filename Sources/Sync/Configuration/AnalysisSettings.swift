public import Foundation
import MooringCore

/// Where the daemon's live model guardrails (canary analysis and monitors) query: `analysis.prometheus`. Without
/// it, `spec.analysis` and `spec.monitors` are validated but not evaluated.
public struct AnalysisSettings: Sendable, Equatable {
    /// A Prometheus server's HTTP API.
    public struct Prometheus: Sendable, Equatable {
        /// The base URL (`http://prometheus.monitoring:9090`); `http` or `https`, with no credentials in it.
        public var url: URL
        /// A file holding a bearer token sent with every query (never logged).
        public var bearerTokenFile: String?
        /// How long one query may take.
        public var timeout: Duration

        public init(url: URL, bearerTokenFile: String? = nil, timeout: Duration = .seconds(10)) {
            self.url = url
            self.bearerTokenFile = bearerTokenFile
            self.timeout = timeout
        }
    }

    public var prometheus: Prometheus?

    public init(prometheus: Prometheus? = nil) {
        self.prometheus = prometheus
    }
}

extension AnalysisSettings {
    /// Reads `analysis`; the guardrails keep their state and aborted canaries beside the `inventory`, which must
    /// therefore be in the cluster.
    init(reading reader: inout ConfigurationReader, inventory: InventorySettings) {
        _ = reader.object("analysis", allowed: ["prometheus"])
        guard reader.object("analysis.prometheus", allowed: ["url", "bearerTokenFile", "timeout"]) != nil else {
            self.init()
            return
        }
        let text = reader.requiredString("analysis.prometheus.url")
        let tokenFile = reader.readableFile("analysis.prometheus.bearerTokenFile")
        let timeout = reader.duration("analysis.prometheus.timeout") ?? .seconds(10)
        guard let text else {
            self.init()
            return
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else {
            reader.report(
                "analysis.prometheus.url",
                "must be an http:// or https:// URL such as http://prometheus:9090"
            )
            self.init()
            return
        }
        guard url.user == nil, url.password == nil, url.query == nil else {
            // The URL is logged and shown in errors: credentials go in bearerTokenFile.
            reader.report(
                "analysis.prometheus.url",
                "must hold no user, password or query; put a token in analysis.prometheus.bearerTokenFile"
            )
            self.init()
            return
        }
        if inventory.namespace == nil {
            reader.report(
                "analysis.prometheus",
                "needs inventory.namespace (or leaderElection): the guardrails keep their state and aborted canaries "
                    + "in the cluster"
            )
        }
        self.init(prometheus: Prometheus(url: url, bearerTokenFile: tokenFile, timeout: timeout))
    }
}

import CoreMetrics
import Foundation
import Prometheus
public import Sync
import Synchronization

/// The daemon's Prometheus metrics, served at `/metrics` in the text exposition format.
///
/// Per target: `mooring_sync_total{target,result}`, `mooring_sync_duration_seconds{target}` (a histogram),
/// `mooring_last_sync_timestamp_seconds{target}`, `mooring_source_commit_info{target,commit}`,
/// `mooring_drift_objects{target}` and `mooring_model_info{target,model,namespace,stable,canary}` (an info
/// series is dropped when its commit or model is gone). Process-wide, through swift-metrics once
/// ``bootstrapped()`` routed it here: `mooring_kubectl_calls_total{verb,result}` and
/// `mooring_git_requests_total{op,result}`. Labels hold names, versions and commit ids, never a secret.
public final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// The info series set last, per target, so series of a commit or model that is gone can be dropped.
    private let infoSeries = Mutex<[String: [Prometheus.Gauge]]>([:])

    private static var syncs: MetricNameDescriptor {
        descriptor("mooring_sync", unit: "total", "Syncs by target and outcome.")
    }
    private static var duration: MetricNameDescriptor {
        descriptor("mooring_sync_duration", unit: "seconds", "How long a target's sync took.")
    }
    private static var lastSync: MetricNameDescriptor {
        descriptor(
            "mooring_last_sync_timestamp",
            unit: "seconds",
            "When a target's last sync finished, in seconds since the epoch."
        )
    }
    private static var commitInfo: MetricNameDescriptor {
        descriptor("mooring_source_commit_info", "The commit a target's desired state came from (value 1).")
    }
    private static var driftObjects: MetricNameDescriptor {
        descriptor("mooring_drift_objects", "Objects left drifted under drift: alert.")
    }
    private static var modelInfo: MetricNameDescriptor {
        descriptor("mooring_model_info", "The versions a model serves (value 1; canary empty when there is none).")
    }
    private static func descriptor(_ name: String, unit: String = "", _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: unit, helpText: help)
    }
    private static let durationBuckets: [Duration] = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600].map {
        .milliseconds(Int64($0 * 1000))
    }

    /// Metrics of the daemon's own syncs; kubectl and git calls are counted here only after ``bootstrapped()``.
    public init() {}

    /// Metrics that swift-metrics reports to as well (kubectl calls, git requests). Bootstraps the process-wide
    /// `MetricsSystem`, which can be done once per process: call it once, from `mooring run`.
    public static func bootstrapped() -> DaemonMetrics {
        let metrics = DaemonMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        return metrics
    }

    /// Every metric in the Prometheus text format.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// Counts the sync of each target and sets the gauges from `targets`, the status the sync left.
    func record(_ targets: [StatusDocument.Target], reports: [TargetReport]) {
        for report in reports {
            let target = [("target", report.target)]
            registry.makeCounter(descriptor: Self.syncs, labels: target + [("result", report.outcome.rawValue)])
                .increment()
            registry.makeDurationHistogram(descriptor: Self.duration, labels: target, buckets: Self.durationBuckets)
                .record(report.duration)
            registry.makeGauge(descriptor: Self.lastSync, labels: target).set(Date().timeIntervalSince1970)
        }
        for status in targets where status.outcome != nil {
            let target = [("target", status.name)]
            registry.makeGauge(descriptor: Self.driftObjects, labels: target).set(Double(status.drift.count))
            var series: [Prometheus.Gauge] = []
            if let commit = status.commit {
                series.append(registry.makeGauge(descriptor: Self.commitInfo, labels: target + [("commit", commit.id)]))
            }
            for model in status.models {
                let labels = [
                    ("model", model.name), ("namespace", model.namespace), ("stable", model.stable),
                    ("canary", model.canary ?? ""),
                ]
                series.append(registry.makeGauge(descriptor: Self.modelInfo, labels: target + labels))
            }
            for gauge in series { gauge.set(to: 1.0) }
            let current = Set(series.map(ObjectIdentifier.init))
            let previous = infoSeries.withLock { all in
                defer { all[status.name] = series }
                return all[status.name] ?? []
            }
            for gauge in previous where !current.contains(ObjectIdentifier(gauge)) { registry.unregisterGauge(gauge) }
        }
    }
}

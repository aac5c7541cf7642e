import Analysis
import Manifests
import Prometheus

extension DaemonMetrics {
    static var analysisValue: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "mooring_analysis_value",
            unitName: "",
            helpText: "The latest value of a canary analysis check or monitor, by the version it measured."
        )
    }
    static var analysisRuns: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "mooring_analysis_runs",
            unitName: "total",
            helpText: "Runs of canary analysis checks and monitors, by result (pass, fail, no-data)."
        )
    }
    static var canaryState: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "mooring_canary_state",
            unitName: "",
            helpText: "1 for the state a model's canary analysis is in (running, passed, aborted, unavailable), else 0."
        )
    }

    /// Counts the runs of one pass of the live guardrails over `target`, and sets the value and state gauges.
    func recordGuardrails(
        _ state: [String: ModelGuardrails],
        models: [ModelSummary],
        runs: [GuardrailRuns],
        target: String
    ) {
        for run in runs {
            for check in run.checks {
                guard let result = check.result else { continue }
                let labels = [
                    ("target", target), ("model", run.model), ("check", check.name), ("result", result.rawValue),
                ]
                registry.makeCounter(descriptor: Self.analysisRuns, labels: labels).increment()
            }
        }
        for model in models {
            guard let guardrails = state[model.qualifiedName] else { continue }
            let measured = [
                (guardrails.canary?.version, guardrails.canary?.checks ?? []),
                (guardrails.monitors?.version, guardrails.monitors?.checks ?? []),
            ]
            for case (let version?, let checks) in measured {
                for check in checks {
                    guard let value = check.value else { continue }
                    let labels = [
                        ("target", target), ("model", model.name), ("version", version), ("check", check.name),
                    ]
                    registry.makeGauge(descriptor: Self.analysisValue, labels: labels).set(value)
                }
            }
            guard let canary = guardrails.canary else { continue }
            for candidate in CanaryProgress.State.allCases {
                let labels = [("target", target), ("model", model.name), ("state", candidate.rawValue)]
                registry.makeGauge(descriptor: Self.canaryState, labels: labels).set(
                    candidate == canary.state ? 1.0 : 0.0
                )
            }
        }
    }
}

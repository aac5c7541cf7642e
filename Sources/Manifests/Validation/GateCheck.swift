import MooringCore

/// Checks a model's served versions against its metric gates and the host's gate floors.
///
/// For each metric and kind of bound, the strictest of the model's gates and the host floor applies
/// (a model may be stricter than the host, never looser), and a failure is reported once, at the gate
/// that set the bar — or, for a floor, at the version that fails it.
struct GateCheck {
    /// A served version and the document of its record.
    struct Served {
        var record: ModelVersion
        var document: ManifestDocument
        /// `spec.stable` or `spec.canary.version`: where the ModelDeployment names this version.
        var namedAt: FieldPath
    }

    private enum Bound: Int, Comparable {
        case min, max, delta

        var key: String {
            switch self {
            case .min: return "min"
            case .max: return "max"
            case .delta: return "minDeltaVsStable"
            }
        }

        static func < (lhs: Bound, rhs: Bound) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private struct Requirement {
        var metric: String
        var bound: Bound
        var value: Double
        var direction: Gate.Direction
        /// The position in `spec.gates`; `nil` for a host floor.
        var gateIndex: Int?
    }

    /// Float noise (0.3 − 0.2 < 0.1) must not fail a gate.
    private static let tolerance = 1e-9

    var deployment: ModelDeployment
    var document: ManifestDocument
    /// `nil` when stable's record is missing (reported elsewhere): the canary is still checked.
    var stable: Served?
    var canary: Served?
    var floors: [String: GateFloor]

    func check() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for served in [stable, canary].compactMap({ $0 }) where served.record.artifact.digest == nil {
            diagnostics.append(
                diagnostic(
                    .artifactDigestMissing,
                    at: served.namedAt,
                    "\(deployment.name) version \(served.record.version) has no artifact digest, so it cannot serve (its record says: \(served.record.artifact.noDigest ?? "nothing"); record: \(served.document.file):\(served.document.line(of: "spec.artifact"))); record a new version with spec.artifact.digest"
                )
            )
        }
        for requirement in requirements() {
            let checked = requirement.bound == .delta ? [canary].compactMap { $0 } : [stable, canary].compactMap { $0 }
            for served in checked {
                if let diagnostic = evaluate(requirement, for: served) { diagnostics.append(diagnostic) }
            }
        }
        return diagnostics
    }

    private func evaluate(_ requirement: Requirement, for served: Served) -> Diagnostic? {
        let metric = requirement.metric
        let location = requirement.gateIndex.map {
            FieldPath.root.appending("spec").appending("gates").appending(index: $0).appending(requirement.bound.key)
        }
        let who = "\(deployment.name) version \(served.record.version)"
        let gate = (requirement.gateIndex == nil ? "the host's gate floor " : "gate ") + describe(requirement)
        let recordPlace =
            "\(served.document.file):\(served.document.line(of: FieldPath.root.appending("spec").appending("metrics").appending(metric)))"
        guard let value = served.record.metrics[metric] else {
            return diagnostic(
                .gateMetricMissing,
                at: location ?? served.namedAt,
                "\(who) has no metric \(metric), which \(gate) needs (record: \(served.document.file):\(served.document.line(of: "spec")))"
            )
        }
        var against = ""
        let passes: Bool
        switch requirement.bound {
        case .min:
            passes = value >= requirement.value - Self.tolerance
        case .max:
            passes = value <= requirement.value + Self.tolerance
        case .delta:
            guard let stable else { return nil }
            guard let stableValue = stable.record.metrics[metric] else {
                return diagnostic(
                    .gateMetricMissing,
                    at: location ?? served.namedAt,
                    "\(deployment.name) stable version \(stable.record.version) has no metric \(metric), which \(gate) needs (record: \(stable.document.file):\(stable.document.line(of: "spec")))"
                )
            }
            let improvement = requirement.direction == .higher ? value - stableValue : stableValue - value
            passes = improvement >= requirement.value - Self.tolerance
            against = " against stable \(stable.record.version): \(MetricFormat.text(stableValue))"
        }
        guard !passes else { return nil }
        return diagnostic(
            .gateFailed,
            at: location ?? served.namedAt,
            "\(who) fails \(gate) (record: \(MetricFormat.text(value))\(against), \(recordPlace))"
        )
    }

    /// `auc ≥ 0.90`, `error_rate ≤ 0.05`, `auc ≥ stable + 0.01`, `error_rate ≤ stable`.
    private func describe(_ requirement: Requirement) -> String {
        let value = requirement.value
        switch requirement.bound {
        case .min: return "\(requirement.metric) ≥ \(MetricFormat.text(value))"
        case .max: return "\(requirement.metric) ≤ \(MetricFormat.text(value))"
        case .delta: return "\(requirement.metric) \(Gate.deltaBound(value, direction: requirement.direction))"
        }
    }

    private func diagnostic(_ rule: Diagnostic.Rule, at path: FieldPath, _ message: String) -> Diagnostic {
        document.diagnostic(rule, at: path, message)
    }

    /// The strictest bar for each metric and bound, from the model's gates and the host's floors.
    private func requirements() -> [Requirement] {
        var candidates: [String: [Bound: [Requirement]]] = [:]
        func add(_ requirement: Requirement) {
            candidates[requirement.metric, default: [:]][requirement.bound, default: []].append(requirement)
        }
        for (position, gate) in deployment.gates.enumerated() {
            let bounds: [(Bound, Double?)] = [(.min, gate.min), (.max, gate.max), (.delta, gate.minDeltaVsStable)]
            for case (let bound, let value?) in bounds {
                add(
                    Requirement(
                        metric: gate.metric,
                        bound: bound,
                        value: value,
                        direction: gate.direction,
                        gateIndex: position
                    )
                )
            }
        }
        for (metric, floor) in floors {
            let bounds: [(Bound, Double?)] = [(.min, floor.min), (.max, floor.max), (.delta, floor.minDeltaVsStable)]
            for case (let bound, let value?) in bounds {
                add(Requirement(metric: metric, bound: bound, value: value, direction: floor.direction, gateIndex: nil))
            }
        }
        var strictest: [Requirement] = []
        for metric in candidates.keys.sorted() {
            for (bound, options) in candidates[metric, default: [:]].sorted(by: { $0.key < $1.key }) {
                // Gates come before floors, so a gate wins a tie.
                let best = options.dropFirst().reduce(options[0]) { current, next in
                    let stricter = bound == .max ? next.value < current.value : next.value > current.value
                    return stricter ? next : current
                }
                strictest.append(best)
            }
        }
        return strictest
    }
}

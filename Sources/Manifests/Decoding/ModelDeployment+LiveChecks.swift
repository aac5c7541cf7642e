import MooringCore

/// Reading `spec.analysis` and `spec.monitors`: the live checks the daemon runs against Prometheus.
extension ModelDeployment {
    /// The shortest and longest interval between two runs of the checks.
    static let checkIntervalRange: ClosedRange<Duration> = .seconds(1)...(.seconds(3600))
    /// The longest `minDuration` a canary may be held to: a week.
    static let longestMinDuration: Duration = .seconds(7 * 24 * 3600)
    /// The most failed runs in a row a model may tolerate.
    static let failureLimitRange: ClosedRange<Int> = 1...100
    /// The longest query accepted, in characters.
    static let longestQuery = 4096

    static func readAnalysis(_ reader: inout SpecReader, hasCanary: Bool) -> CanaryAnalysis? {
        let path: FieldPath = "spec.analysis"
        let known = ["interval", "failureLimit", "minDuration", "checks"]
        guard reader.object(at: path, known: known) != nil else { return nil }
        var analysis = CanaryAnalysis()
        if let interval = reader.duration(at: path.appending("interval"), within: checkIntervalRange) {
            analysis.interval = interval
        }
        if let limit = reader.int(at: path.appending("failureLimit")) {
            if failureLimitRange.contains(limit) {
                analysis.failureLimit = limit
            } else {
                reader.report(
                    .invalidValue,
                    at: path.appending("failureLimit"),
                    "spec.analysis.failureLimit must be from \(failureLimitRange.lowerBound) to \(failureLimitRange.upperBound), not \(limit)"
                )
            }
        }
        let minDurationPath = path.appending("minDuration")
        if let minDuration = reader.duration(at: minDurationPath, within: .seconds(1)...longestMinDuration) {
            analysis.minDuration = minDuration
        }
        if analysis.minDuration < analysis.interval {
            reader.report(
                .invalidValue,
                at: minDurationPath,
                "spec.analysis.minDuration (\(GoDuration.format(analysis.minDuration))) is shorter than one interval (\(GoDuration.format(analysis.interval))): no check would run before the canary passes"
            )
        }
        analysis.checks = readChecks(&reader, at: path.appending("checks"))
        if hasCanary, analysis.checks.isEmpty, reader.document.object[path: path.appending("checks")] == nil {
            reader.report(
                .missingField,
                at: path.appending("checks"),
                "spec.analysis.checks is required with a canary: name at least one query and its bounds"
            )
        }
        return analysis
    }

    /// A list of checks (`spec.analysis.checks` or `spec.monitors`); invalid entries are reported and left out.
    static func readChecks(_ reader: inout SpecReader, at path: FieldPath) -> [MetricCheck] {
        guard let elements = reader.list(at: path) else { return [] }
        var checks: [MetricCheck] = []
        var names: Set<String> = []
        for position in elements.indices {
            let checkPath = path.appending(index: position)
            guard let check = readCheck(&reader, at: checkPath) else { continue }
            guard names.insert(check.name).inserted else {
                reader.report(
                    .invalidValue,
                    at: checkPath.appending("name"),
                    "check name \"\(check.name)\" is used twice in \(path); each check needs its own name"
                )
                continue
            }
            checks.append(check)
        }
        return checks
    }

    private static func readCheck(_ reader: inout SpecReader, at path: FieldPath) -> MetricCheck? {
        guard reader.object(at: path, known: ["name", "query", "min", "max"], required: true) != nil else {
            return nil
        }
        let name = reader.string(at: path.appending("name"), required: true)
        let query = reader.string(at: path.appending("query"), required: true)
        let minimum = reader.number(at: path.appending("min"))
        let maximum = reader.number(at: path.appending("max"))
        var valid = true
        if let name, !isCheckName(name) {
            reader.report(
                .invalidValue,
                at: path.appending("name"),
                "check name \"\(name)\" must be at most 63 lowercase letters, digits, '-' or '_', starting and ending with a letter or digit"
            )
            valid = false
        }
        if let query, !checkQuery(query, at: path.appending("query"), &reader) { valid = false }
        if minimum == nil, maximum == nil {
            reader.report(.missingField, at: path, "check \(name ?? "") needs min, max or both")
            valid = false
        }
        if let minimum, let maximum, minimum > maximum {
            reader.report(
                .invalidValue,
                at: path.appending("max"),
                "check \(name ?? "") has max below min; it can never hold"
            )
            valid = false
        }
        guard valid, let name, let query else { return nil }
        return MetricCheck(name: name, query: QueryTemplate(query), min: minimum, max: maximum)
    }

    /// A check name is a metric label value people type: `[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?`.
    static func isCheckName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
        return alphanumeric(first) && alphanumeric(last)
            && bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// Reports a query that is too long, holds control characters, or names an unknown template variable.
    private static func checkQuery(_ query: String, at path: FieldPath, _ reader: inout SpecReader) -> Bool {
        if query.count > longestQuery {
            reader.report(.invalidValue, at: path, "\(path) is longer than \(longestQuery) characters")
            return false
        }
        if query.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            reader.report(.invalidValue, at: path, "\(path) holds a control character; write the query on one line")
            return false
        }
        let unknown = QueryTemplate(query).unknownPlaceholders
        guard unknown.isEmpty else {
            let known = QueryTemplate.Variable.allCases.map { "{{\($0.rawValue)}}" }.joined(separator: ", ")
            reader.report(
                .queryVariableUnknown,
                at: path,
                "\(path) uses {{\(unknown[0])}}; a query may use \(known)"
            )
            return false
        }
        return true
    }
}

import Foundation
import MooringCore

extension Lease {
    /// A Lease read from its JSON; `nil` when it is not a Lease with a name and namespace.
    init?(object: JSONValue) {
        let resource = Resource(object: object)
        guard resource.kind == "Lease", let namespace = resource.namespace, !resource.name.isEmpty else { return nil }
        let spec = object["spec"] ?? [:]
        self.init(
            namespace: namespace,
            name: resource.name,
            holderIdentity: spec["holderIdentity"]?.stringValue,
            leaseDurationSeconds: spec["leaseDurationSeconds"]?.intValue,
            acquireTime: spec["acquireTime"]?.stringValue.flatMap(Self.parseMicroTime),
            renewTime: spec["renewTime"]?.stringValue.flatMap(Self.parseMicroTime),
            leaseTransitions: spec["leaseTransitions"]?.intValue,
            resourceVersion: object["metadata"]?["resourceVersion"]?.stringValue
        )
    }

    /// The Lease as a `coordination.k8s.io/v1` object; with ``resourceVersion`` when it has one, so that an
    /// update of a stale copy is refused.
    var object: JSONValue {
        var metadata: JSONValue = ["name": .string(name), "namespace": .string(namespace)]
        if let resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
        var spec: JSONValue = [:]
        if let holderIdentity { spec["holderIdentity"] = .string(holderIdentity) }
        if let leaseDurationSeconds { spec["leaseDurationSeconds"] = .int(leaseDurationSeconds) }
        if let acquireTime { spec["acquireTime"] = .string(Self.formatMicroTime(acquireTime)) }
        if let renewTime { spec["renewTime"] = .string(Self.formatMicroTime(renewTime)) }
        if let leaseTransitions { spec["leaseTransitions"] = .int(leaseTransitions) }
        return ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": metadata, "spec": spec]
    }

    var identity: ObjectIdentity {
        ObjectIdentity(group: "coordination.k8s.io", kind: "Lease", namespace: namespace, name: name)
    }

    /// `2026-05-01T12:00:00.123456Z`: Kubernetes' MicroTime, which wants exactly six fractional digits.
    static func formatMicroTime(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let micros = min(999_999, Int(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded()))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second],
            from: Date(timeIntervalSince1970: seconds)
        )
        let fields = [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].map { $0 ?? 0 }
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
            fields[0],
            fields[1],
            fields[2],
            fields[3],
            fields[4],
            fields[5],
            micros
        )
    }

    /// Reads RFC 3339 times with or without fractional seconds, as the API server prints them.
    static func parseMicroTime(_ text: String) -> Date? {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard parts.count == 2 else { return try? Date(text, strategy: .iso8601) }
        let fraction = parts[1].prefix { $0.isNumber }
        let zone = parts[1].dropFirst(fraction.count)
        guard let whole = try? Date(parts[0] + zone, strategy: .iso8601), let value = Double("0." + fraction) else {
            return nil
        }
        return whole.addingTimeInterval(value)
    }
}

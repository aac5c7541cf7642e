public import Cluster
public import MooringCore

/// Where the daemon keeps its live guardrails' state in a target's cluster, beside the inventory: the ConfigMap
/// `mooring-analysis-<target>` in `inventory.namespace`. `data.holds` lists the aborted canaries (one
/// ``CanaryHold`` a line), which every sync reads, from the daemon or by hand; `data.state` is the daemon's own
/// record of each analysis and monitor (JSON), so that a restart or a new leader continues where the last left off.
/// Like the inventory it carries no `managed-by: mooring` label, so no list of Mooring's objects offers it for
/// pruning.
public enum AnalysisConfigMap {
    static let holdsKey = "holds"
    static let stateKey = "state"

    /// `mooring-analysis-<target>`, made a valid object name as the inventory's is.
    public static func name(of target: String) -> String {
        "mooring-analysis-" + ClusterInventory.name(of: target).dropFirst("mooring-inventory-".count)
    }

    /// The ConfigMap holding `holds` and `state`.
    public static func object(target: String, namespace: String, holds: [CanaryHold], state: String) -> JSONValue {
        .object([
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": .object([
                "name": .string(name(of: target)),
                "namespace": .string(namespace),
                "labels": .object([ClusterInventory.partOfLabel: "mooring"]),
            ]),
            "data": .object([
                holdsKey: .string(holds.map(\.line).sorted().joined(separator: "\n")),
                stateKey: .string(state),
            ]),
        ])
    }

    /// The holds a ConfigMap lists; `nil` when a line cannot be read (such a list is not trusted).
    public static func holds(in configMap: JSONValue) -> [CanaryHold]? {
        guard let text = configMap["data"]?[holdsKey]?.stringValue else { return [] }
        var holds: [CanaryHold] = []
        for line in text.split(separator: "\n") {
            guard let hold = CanaryHold(line: line) else { return nil }
            holds.append(hold)
        }
        return holds
    }

    /// The daemon's state in a ConfigMap, as written.
    public static func state(in configMap: JSONValue) -> String? {
        configMap["data"]?[stateKey]?.stringValue
    }

    /// The reference to read it with.
    public static func reference(target: String, namespace: String) -> ObjectReference {
        ObjectReference(apiVersion: "v1", kind: "ConfigMap", namespace: namespace, name: name(of: target))
    }
}

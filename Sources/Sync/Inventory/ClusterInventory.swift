// Folder Sync/Inventory: Mooring's inventory of what it created, kept in the cluster.

public import MooringCore

/// The list of objects Mooring owns for one target, kept in that target's cluster as a ConfigMap
/// (`<inventory.namespace>/mooring-inventory-<target>`, one line per object in `data.objects`:
/// `group/kind/namespace/name`), as Flux and kapp keep theirs: whichever host leads reads the same list, so a new
/// leader prunes what an earlier one created. It holds identities only, never an object's content.
public struct ClusterInventory: Sendable, Equatable {
    /// Labels of the ConfigMap. Not `app.kubernetes.io/managed-by: mooring`: it is no object from git, and no
    /// list of Mooring's objects may ever offer it for pruning.
    static let partOfLabel = "app.kubernetes.io/part-of"
    static let targetLabel = "mooring.dev/inventory"
    static let dataKey = "objects"

    public var objects: Set<ObjectIdentity>

    public init(objects: Set<ObjectIdentity>) {
        self.objects = objects
    }

    /// The ConfigMap's name for `target`: `mooring-inventory-<target>`, made a valid object name (a target name
    /// that had to be changed gets a hash of the original, so two targets never share one).
    public static func name(of target: String) -> String {
        let allowed = target.lowercased().map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber) ? character : "-"
        }
        var name = String(allowed).trimming("-")
        if name != target || name.count > 40 {
            name = String(name.prefix(40)).trimming("-") + "-" + String(StableHash.hex(of: target).prefix(8))
        }
        return "mooring-inventory-" + name
    }

    /// The ConfigMap holding this inventory.
    func object(target: String, namespace: String) -> JSONValue {
        let lines = objects.sorted().map { "\($0.group)/\($0.kind)/\($0.namespace ?? "")/\($0.name)" }
        return .object([
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": .object([
                "name": .string(Self.name(of: target)),
                "namespace": .string(namespace),
                "labels": .object([Self.partOfLabel: "mooring", Self.targetLabel: .string(Self.name(of: target))]),
            ]),
            "data": .object([Self.dataKey: .string(lines.joined(separator: "\n"))]),
        ])
    }

    /// Reads the ConfigMap's list; `nil` when it is not one this version of Mooring wrote (a line that is no
    /// identity, a missing key): such an inventory is not trusted to guard a prune.
    init?(configMap: JSONValue) {
        guard let text = configMap["data"]?[Self.dataKey]?.stringValue else { return nil }
        var objects: Set<ObjectIdentity> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let parts = line.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 4, !parts[1].isEmpty, !parts[3].isEmpty else { return nil }
            objects.insert(
                ObjectIdentity(
                    group: String(parts[0]),
                    kind: String(parts[1]),
                    namespace: parts[2].isEmpty ? nil : String(parts[2]),
                    name: String(parts[3])
                )
            )
        }
        self.init(objects: objects)
    }
}

extension String {
    fileprivate func trimming(_ character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}

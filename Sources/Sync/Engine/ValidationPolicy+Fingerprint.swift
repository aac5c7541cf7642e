import Manifests
import MooringCore

extension ValidationPolicy {
    /// A stable digest of every setting that decides whether a commit is valid, so the journal can tell
    /// whether the commit it applied was validated under the host policy in force now.
    var fingerprint: String {
        let floors = gateFloors.keys.sorted().map { metric in
            let floor = gateFloors[metric] ?? GateFloor()
            return "\(metric)=\(floor.min.map { "\($0)" } ?? "-"),\(floor.max.map { "\($0)" } ?? "-"),"
                + "\(floor.minDeltaVsStable.map { "\($0)" } ?? "-"),\(floor.direction.rawValue)"
        }
        // A setting added later joins only when set, so journals written before it keep their fingerprint.
        let optional = requireCanaryAnalysis ? ["requireCanaryAnalysis"] : []
        let yaml = limits.yaml
        let yamlNumbers: [Int] = [
            yaml.maxDepth, yaml.minimumNodeBudget, yaml.nodesPerByte, yaml.maxAliasExpansion, yaml.maxNodesPerFile,
            yaml.maxDocumentsPerFile,
        ]
        let yamlLimits = yamlNumbers.map(String.init).joined(separator: ",")
        let parts: [String] =
            [
                defaultNamespace ?? "-",
                allowedNamespaces.map { $0.sorted().joined(separator: ",") } ?? "*",
                allowedClusterKinds.map { $0.sorted().joined(separator: ",") } ?? "*",
                floors.joined(separator: ";"),
                "\(limits.maxFileBytes),\(limits.maxDocumentBytes),\(limits.maxFiles),\(limits.maxTotalBytes)",
                yamlLimits,
            ] + optional
        return StableHash.hex(of: parts.joined(separator: "|"))
    }
}

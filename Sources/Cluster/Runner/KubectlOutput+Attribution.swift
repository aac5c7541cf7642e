import MooringCore

extension KubectlOutput {
    /// The first error, attributed to the object among `candidates` whose name it mentions (when exactly one is).
    func failure(attributingTo candidates: [ObjectIdentity]) -> ClusterError {
        let entry = errorEntries.first ?? ""
        return ClusterError(
            kubectlError: entry,
            command: command,
            exitCode: exitCode,
            object: Self.mentionedObject(in: entry, among: candidates)
        )
    }

    /// The one candidate whose name the error quotes (`deployments.apps "web" not found`), if exactly one does.
    static func mentionedObject(in entry: String, among candidates: [ObjectIdentity]) -> ObjectIdentity? {
        let mentioned = candidates.filter { entry.contains("\"\($0.name)\"") }
        guard mentioned.count > 1 else { return mentioned.first }
        let byKind = mentioned.filter { entry.lowercased().contains($0.kind.lowercased()) }
        return byKind.count == 1 ? byKind.first : nil
    }
}

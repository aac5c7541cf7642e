extension ClusterClient {
    /// The readiness of each referenced object, in order, read with one kubectl call.
    ///
    /// Objects that do not exist are ``Readiness/State/missing``.
    public func readiness(of references: [ObjectReference]) async throws(ClusterError) -> [Readiness] {
        let live = try await get(references, ignoreNotFound: true).map { Readiness(of: $0) }
        let byObject = Dictionary(live.map { ($0.object, $0) }, uniquingKeysWith: { first, _ in first })
        return references.map { byObject[$0.identity] ?? Readiness(object: $0.identity, state: .missing) }
    }
}

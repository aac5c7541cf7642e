import MooringCore

extension ObjectIdentity {
    /// Where the API serves each group the scenarios use.
    private static let groupPaths = [
        "": "/api/v1", "apps": "/apis/apps/v1", "serving.kserve.io": "/apis/serving.kserve.io/v1beta1",
    ]

    /// The API path of the object, as KubeSim's request log shows it.
    var apiPath: String {
        let scope = namespace.map { "/namespaces/\($0)" } ?? ""
        return "\(Self.groupPaths[group] ?? "/apis/\(group)")\(scope)/\(kind.lowercased())s/\(name)"
    }
}

import Foundation

/// What one watch follows: the objects of one kind carrying a label selector, in all namespaces or in one.
public struct WatchKey: Hashable, Sendable, CustomStringConvertible {
    public var kind: GroupKind
    /// `nil` for every namespace (and for cluster-scoped kinds).
    public var namespace: String?
    public var selector: String

    public init(kind: GroupKind, namespace: String? = nil, selector: String = ClusterClient.managedBySelector) {
        self.kind = kind
        self.namespace = namespace
        self.selector = selector
    }

    public var description: String {
        let scope = namespace.map { " in \($0)" } ?? ""
        return "\(kind)\(scope) (\(selector))"
    }

    /// The collection's path on the API server (`/apis/apps/v1/deployments`), for the served `resource`.
    func path(_ resource: APIResource) -> String {
        let root = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
        let scope = resource.namespaced ? namespace.map { "/namespaces/\(Self.escaped($0))" } ?? "" : ""
        return "\(root)\(scope)/\(resource.name)"
    }

    /// `text` escaped for a path segment or a query value.
    static func escaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

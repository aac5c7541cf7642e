/// Fields that another field manager owns, as reported by a server-side apply conflict.
///
/// `manager` is the other manager's name (`kubectl-scale`, `kube-controller-manager`); `fields` are the
/// paths exactly as the API server prints them (`.spec.replicas`).
public struct FieldConflict: Hashable, Sendable, CustomStringConvertible {
    public var manager: String
    /// The subresource the other manager wrote through (`scale`, `status`), if any.
    public var subresource: String?
    public var fields: [String]

    public init(manager: String, subresource: String? = nil, fields: [String]) {
        self.manager = manager
        self.subresource = subresource
        self.fields = fields
    }

    public var description: String { "\"\(manager)\" owns \(fields.joined(separator: ", "))" }
}

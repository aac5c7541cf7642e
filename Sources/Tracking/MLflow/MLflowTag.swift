/// A key and value as MLflow sends tags and params.
public struct MLflowTag: Decodable, Sendable, Hashable {
    public var key: String
    public var value: String

    /// `tags` as a dictionary; the last value wins for a repeated key.
    static func dictionary(_ tags: [MLflowTag]?) -> [String: String] {
        Dictionary((tags ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}

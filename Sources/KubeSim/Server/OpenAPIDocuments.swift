/// The `/openapi/v3` documents of one catalog, serialized once: the index and each group version's document, each
/// with the entity tag a client revalidates it by (a group version's tag is also the `hash` in the index's URL).
struct OpenAPIDocuments: Sendable {
    /// One served document and its entity tag.
    struct Document: Sendable {
        var bytes: [UInt8]
        var tag: String
    }

    var index: Document
    /// Keyed by the path under `/openapi/v3/`: `api/v1`, `apis/apps/v1`.
    var groupVersions: [String: Document]
}

extension ModelVersion {
    /// Where the trained model is stored, and its content digest.
    public struct Artifact: Hashable, Sendable, Codable {
        /// A storage URI KServe and the serving image understand (`s3://`, `gs://`, `pvc://`…).
        public var uri: String
        /// `sha256:…`; `nil` when the record says why there is none (`noDigest`): such a version may be
        /// recorded, but not served (`artifact-digest-missing`).
        public var digest: String?
        /// Why the record has no digest (`spec.artifact.noDigest`).
        public var noDigest: String?

        public init(uri: String, digest: String?, noDigest: String? = nil) {
            self.uri = uri
            self.digest = digest
            self.noDigest = noDigest
        }
    }
}

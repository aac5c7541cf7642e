import MooringCore

extension ModelVersion {
    /// Reads a `kind: ModelVersion` document strictly; `nil` when it is too broken to use.
    static func read(_ reader: inout SpecReader) -> ModelVersion? {
        let metadata = reader.readMetadata(nameRule: .dns1123Subdomain)
        let spec = reader.object(
            at: "spec",
            known: ["model", "version", "artifact", "code", "data", "hyperparameters", "metrics"],
            required: true
        )
        guard spec != nil else { return nil }
        let model = reader.string(at: "spec.model", required: true)
        let version = reader.version(at: "spec.version")
        let artifact = readArtifact(&reader)
        let code = readCode(&reader)
        let data = readData(&reader)
        let hyperparameters = reader.object(at: "spec.hyperparameters", known: nil) ?? [:]
        let metrics = reader.numberMap(at: "spec.metrics")
        guard let metadata, let model, let version, let artifact else { return nil }
        return ModelVersion(
            name: metadata.name,
            model: model,
            version: version,
            artifact: artifact,
            code: code,
            data: data,
            hyperparameters: hyperparameters,
            metrics: metrics
        )
    }

    private static func readArtifact(_ reader: inout SpecReader) -> Artifact? {
        guard let fields = reader.object(at: "spec.artifact", known: ["uri", "digest", "noDigest"], required: true)
        else { return nil }
        let uri = reader.string(at: "spec.artifact.uri", required: true)
        // A record without a digest must say why (`noDigest`); gates keep such a version from serving.
        if fields["digest"] == nil, fields["noDigest"] != nil {
            let reason = reader.string(at: "spec.artifact.noDigest", required: true)
            guard let uri, let reason else { return nil }
            return Artifact(uri: uri, digest: nil, noDigest: reason)
        }
        let digest = reader.digest(at: "spec.artifact.digest")
        guard let uri, let digest else { return nil }
        return Artifact(uri: uri, digest: digest)
    }

    private static func readCode(_ reader: inout SpecReader) -> SourceCode? {
        guard reader.object(at: "spec.code", known: ["repo", "commit"]) != nil else { return nil }
        let repo = reader.string(at: "spec.code.repo", required: true)
        let commit = reader.string(at: "spec.code.commit", required: true, hint: "write the commit in quotes")
        guard let repo, let commit else { return nil }
        return SourceCode(repo: repo, commit: commit)
    }

    private static func readData(_ reader: inout SpecReader) -> [Dataset] {
        guard let elements = reader.list(at: "spec.data") else { return [] }
        var datasets: [Dataset] = []
        for position in elements.indices {
            let path = FieldPath.root.appending("spec").appending("data").appending(index: position)
            guard reader.object(at: path, known: ["role", "name", "digest"], required: true) != nil else { continue }
            let role = reader.string(at: path.appending("role"), required: true)
            let name = reader.string(at: path.appending("name"), required: true)
            let digest = reader.digest(at: path.appending("digest"))
            if let role, let name, let digest { datasets.append(Dataset(role: role, name: name, digest: digest)) }
        }
        return datasets
    }
}

extension SpecReader {
    /// A content digest: `algorithm:hex` (`sha256:3b1f…`).
    fileprivate mutating func digest(at path: FieldPath) -> String? {
        guard let text = string(at: path, required: true) else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1)
        let isHex = parts.count == 2 && !parts[1].isEmpty && parts[1].utf8.allSatisfy { Self.isHexDigit($0) }
        guard parts.count == 2, !parts[0].isEmpty, isHex else {
            report(.invalidValue, at: path, "\(path) must be a digest such as \"sha256:<hex>\"")
            return nil
        }
        return text
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}

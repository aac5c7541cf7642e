import Manifests
import MooringCore

/// What each input is fed to: the YAML reader, the JSON reader, and the manifest decoder and validator.
enum FuzzTarget: String, CaseIterable {
    case yaml, json, manifests

    func run(_ bytes: [UInt8]) {
        switch self {
        case .yaml:
            _ = try? YAMLReader.documents(in: String(decoding: bytes, as: UTF8.self))
        case .json:
            _ = try? JSONValue.parse(bytes)
        case .manifests:
            let policy = ValidationPolicy(defaultNamespace: "ml", allowedNamespaces: ["ml"], allowedClusterKinds: [])
            _ = DesiredStateBuilder(policy: policy).validate(files: [SourceFile(path: "fuzz.yaml", bytes: bytes)])
        }
    }
}

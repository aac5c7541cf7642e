public import MooringCore

/// Checks that a live model object serves the version git asks for: the `mooring.dev/version`
/// label and the artifact URI (an InferenceService's `storageUri`, a Deployment's `MODEL_URI`).
public enum ServedVersionCheck {
    /// Why `live` does not serve what `desired` asks, or `nil` when it does (or is not a model object).
    public static func mismatch(desired: JSONValue, live: JSONValue) -> String? {
        let wanted = Resource(object: desired)
        guard let version = wanted.labels[ObjectLabels.version] else { return nil }
        let served = Resource(object: live).labels[ObjectLabels.version]
        guard served == version else {
            return "serves version \(served ?? "(none)") instead of \(version)"
        }
        let desiredURIs = artifactURIs(of: desired)
        let liveURIs = artifactURIs(of: live)
        guard desiredURIs == liveURIs else {
            let shown = liveURIs.isEmpty ? "(none)" : liveURIs.joined(separator: ", ")
            return "serves artifact \(shown) instead of \(desiredURIs.joined(separator: ", "))"
        }
        return nil
    }

    /// The artifact URIs an object points its servers at, in a stable order.
    static func artifactURIs(of object: JSONValue) -> [String] {
        if let uri = object[path: "spec.predictor.model.storageUri"]?.stringValue { return [uri] }
        let containers = object[path: "spec.template.spec.containers"]?.arrayValue ?? []
        return containers.flatMap { container in
            (container["env"]?.arrayValue ?? []).compactMap { variable in
                variable["name"]?.stringValue == "MODEL_URI" ? variable["value"]?.stringValue : nil
            }
        }.sorted()
    }
}

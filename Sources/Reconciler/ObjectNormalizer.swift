public import MooringCore

/// Strips what the API server owns from an object, so that two objects compare by what a user set:
/// status, and metadata such as resourceVersion, uid, generation, timestamps and managedFields.
public enum ObjectNormalizer {
    /// Metadata fields the server sets and a user never does.
    static let serverMetadata: [String] = [
        "resourceVersion", "uid", "generation", "creationTimestamp", "managedFields", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ]

    /// Annotations written by clients or controllers about an object rather than part of it.
    static let bookkeepingAnnotations: [String] = [
        "kubectl.kubernetes.io/last-applied-configuration",
        "deployment.kubernetes.io/revision",
    ]

    /// The object without status, server-owned metadata and bookkeeping annotations.
    public static func normalized(_ object: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        members["status"] = nil
        if case .object(var metadata) = members["metadata"] {
            for key in serverMetadata { metadata[key] = nil }
            if case .object(var annotations) = metadata["annotations"] {
                for key in bookkeepingAnnotations { annotations[key] = nil }
                metadata["annotations"] = annotations.isEmpty ? nil : .object(annotations)
            }
            members["metadata"] = .object(metadata)
        }
        return .object(members)
    }

    /// The object without Mooring's `source-commit` annotation: what git, not the commit, decides.
    public static func withoutSourceCommit(_ object: JSONValue) -> JSONValue {
        var copy = object
        let path = FieldPath([.key("metadata"), .key("annotations"), .key(ObjectLabels.sourceCommit)])
        copy.set(nil, at: path)
        if copy["metadata"]?["annotations"]?.objectValue?.isEmpty == true {
            copy.set(nil, at: FieldPath([.key("metadata"), .key("annotations")]))
        }
        return copy
    }
}

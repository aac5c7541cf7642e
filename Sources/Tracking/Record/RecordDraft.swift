public import Manifests

/// A ModelVersion record made from a tracking server's run, before it is written: the record, where it came
/// from, and what a person should know about it (what was left out and why).
public struct RecordDraft: Sendable {
    /// The annotation that names the run the record was made from.
    public static let runAnnotation = "mooring.dev/mlflow-run-id"
    /// The annotation that names the tracking server (without credentials).
    public static let trackingAnnotation = "mooring.dev/mlflow-tracking-uri"
    /// The annotation that names the registered model version, `NAME/VERSION`, when there is one.
    public static let registeredAnnotation = "mooring.dev/mlflow-model-version"

    public var record: ModelVersion
    /// Provenance, written as `metadata.annotations`.
    public var annotations: [String: String]
    /// Things left out of the record, each a sentence.
    public var notes: [String]

    public init(record: ModelVersion, annotations: [String: String], notes: [String] = []) {
        self.record = record
        self.annotations = annotations
        self.notes = notes
    }
}

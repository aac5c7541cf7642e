// Folder Sync/Preview: `mooring diff` — what a sync would change.

public import Manifests

/// What a sync of one target would change: the `mooring diff` of a branch, a commit or a folder.
public struct TargetPreview: Sendable {
    public var target: String
    /// The commit id, or the folder, the desired state came from.
    public var source: String
    /// Objects that would change, in apply order (prunes last).
    public var objects: [ObjectPreview]
    /// Models whose serving versions would change.
    public var models: [HistoryEntry.ModelChange]
    /// Set when the desired state is invalid: nothing would be applied.
    public var validation: ValidationReport?

    public init(
        target: String,
        source: String,
        objects: [ObjectPreview] = [],
        models: [HistoryEntry.ModelChange] = [],
        validation: ValidationReport? = nil
    ) {
        self.target = target
        self.source = source
        self.objects = objects
        self.models = models
        self.validation = validation
    }

    /// Whether applying would change anything in the cluster.
    public var hasChanges: Bool { objects.contains { $0.action != .keep && $0.action != .drift } }
}

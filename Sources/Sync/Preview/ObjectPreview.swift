public import MooringCore
public import Reconciler

/// One object a sync would touch, and how.
public struct ObjectPreview: Sendable, Equatable {
    /// What would happen to the object.
    public enum Action: String, Sendable, Codable, CaseIterable {
        case create
        case update
        /// Re-applied to undo drift (`drift: heal`).
        case heal
        /// Drifted, left alone (`drift: alert`).
        case drift
        case prune
        /// Would be pruned, but the prune guard refuses.
        case keep
    }

    public var identity: ObjectIdentity
    public var action: Action
    /// Field-level changes, secret values redacted. For a create, every field of the new object.
    public var changes: [FieldChange]
    /// A problem the API server reported for this object in the dry-run, or why a prune is blocked.
    public var note: String?
    /// The manifest (deploy-folder path) the object comes from, when known.
    public var sourceFile: String?

    public init(
        identity: ObjectIdentity,
        action: Action,
        changes: [FieldChange] = [],
        note: String? = nil,
        sourceFile: String? = nil
    ) {
        self.identity = identity
        self.action = action
        self.changes = changes
        self.note = note
        self.sourceFile = sourceFile
    }
}

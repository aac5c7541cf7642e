public import MooringCore

/// An object whose live state no longer matches what Mooring applied, while git did not change it.
public struct Drift: Sendable, Equatable {
    /// How the object drifted.
    public enum Kind: String, Sendable {
        /// Fields were changed, added or removed.
        case modified
        /// The object was deleted.
        case deleted
    }

    public var identity: ObjectIdentity
    public var kind: Kind
    public var fields: [FieldDrift]
    /// The drift mode that applies to this object.
    public var mode: DriftPolicy
    /// When the drift came through a manager Mooring can name but no field says so: the latest updater.
    public var suspectedManager: String?

    public init(
        identity: ObjectIdentity,
        kind: Kind,
        fields: [FieldDrift],
        mode: DriftPolicy,
        suspectedManager: String? = nil
    ) {
        self.identity = identity
        self.kind = kind
        self.fields = fields
        self.mode = mode
        self.suspectedManager = suspectedManager
    }

    /// Every manager named by a field, in first-seen order, or the suspected one.
    public var managers: [String] {
        var seen: [String] = []
        for manager in fields.flatMap(\.managers) where !seen.contains(manager) { seen.append(manager) }
        if seen.isEmpty, let suspectedManager { seen.append(suspectedManager) }
        return seen
    }

    /// A stable digest of what drifted and to what, so the same drift is reported once.
    public var fingerprint: String {
        var text = "\(identity)|\(kind.rawValue)"
        for field in fields {
            text += "|\(field.path)=\(field.live?.serialized() ?? "<absent>")"
        }
        return StableHash.hex(of: text)
    }
}

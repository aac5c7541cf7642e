public import MooringCore

/// Compares what Mooring's desired state would make of an object (a server-side dry-run of the
/// apply, so server defaults and other managers' fields are accounted for exactly as the API server
/// would) with the live object, and names the fields that differ and who owns them.
public enum DriftDetector {
    /// The drift of one object, or `nil` when the live object is what applying would produce.
    ///
    /// - Parameters:
    ///   - expected: the dry-run result of applying the desired object (or the desired object itself
    ///     when no dry-run is possible); `nil` fields are compared as absent.
    ///   - live: the live object with its managedFields, or `nil` when it no longer exists.
    ///   - fieldManager: Mooring's own manager name, never reported as the one who drifted.
    public static func detect(
        identity: ObjectIdentity,
        expected: JSONValue,
        live: JSONValue?,
        mode: DriftPolicy,
        fieldManager: String
    ) -> Drift? {
        guard let live else { return Drift(identity: identity, kind: .deleted, fields: [], mode: mode) }
        let changes = ObjectDiff.changes(
            from: ObjectNormalizer.normalized(live),
            to: ObjectNormalizer.normalized(expected)
        )
        guard !changes.isEmpty else { return nil }
        let ownership = ManagedFields(of: live)
        let fields = changes.map { change in
            let redacted = SecretRedaction.redact(change, kind: identity.kind)
            return FieldDrift(
                path: change.path,
                desired: redacted.after,
                live: redacted.before,
                managers: ownership.owners(of: change.path, in: live).filter { $0 != fieldManager }
            )
        }
        let named = fields.contains { !$0.managers.isEmpty }
        return Drift(
            identity: identity,
            kind: .modified,
            fields: fields,
            mode: mode,
            suspectedManager: named ? nil : ownership.latestUpdater(excluding: fieldManager)
        )
    }
}

import GitSource
import MooringCore
import Reconciler

extension SyncEvent.Details {
    /// The details as the event's fields — the one text of them that log metadata and alert payloads show: a commit
    /// as its full hex, an object as `Deployment.apps ml-prod/churn`, a count in decimal, a list joined with `,` (what
    /// was left undone with `; `). A property that is `nil` is no field; an empty list is an empty field.
    public var rendered: [String: String] {
        let entries: [(key: String, value: String?)] = [
            ("target", target),
            ("commit", commit?.hex),
            ("previous", previous?.hex),
            ("rejectedCommit", rejectedCommit?.hex),
            ("author", author),
            ("reason", reason),
            ("object", object?.description),
            ("file", file),
            ("code", code),
            ("objects", objects?.description),
            ("problems", problems?.description),
            ("created", created?.description),
            ("updated", updated?.description),
            ("pruned", pruned?.description),
            ("kind", kind?.rawValue),
            ("fields", fields?.joined(separator: ",")),
            ("managers", managers?.joined(separator: ",")),
            ("desired", desired?.joined(separator: ",")),
            ("live", live?.joined(separator: ",")),
            ("movedTo", movedTo),
            ("undone", undone?.joined(separator: "; ")),
            ("identity", identity),
            ("lease", lease),
            ("holder", holder),
            ("model", model),
            ("namespace", namespace),
            ("version", version),
            ("check", check),
            ("value", value),
            ("bound", bound),
        ]
        return Dictionary(uniqueKeysWithValues: entries.compactMap { entry in entry.value.map { (entry.key, $0) } })
    }
}

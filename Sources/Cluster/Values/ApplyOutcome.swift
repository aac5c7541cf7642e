/// The result of one server-side apply of a batch of objects: one ``ApplyResult`` per object, in input order.
///
/// kubectl applies the objects one after another and keeps going past failures, so some may have been
/// applied while others were refused.
public struct ApplyOutcome: Hashable, Sendable {
    public var results: [ApplyResult]
    /// Whether this was `--dry-run=server`: nothing changed, the objects are what the server would store.
    public var dryRun: Bool

    public init(results: [ApplyResult], dryRun: Bool) {
        self.results = results
        self.dryRun = dryRun
    }

    public var succeeded: Bool { results.allSatisfy(\.applied) }
    public var applied: [ApplyResult] { results.filter(\.applied) }
    public var failed: [ApplyResult] { results.filter { !$0.applied } }
}

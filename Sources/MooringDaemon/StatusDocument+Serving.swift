import Sync

extension StatusDocument.Model {
    /// The canary and the traffic it serves, worded as the history words it: `13 (10%)`, or `13 (0%, aborted)` while
    /// its abort holds it out of traffic; `nil` without a canary.
    public var canaryServing: String? {
        ModelState(
            namespace: namespace,
            stable: stable,
            canary: canary,
            canaryTraffic: canaryTraffic,
            canaryAborted: canaryAborted
        ).canaryServing
    }
}

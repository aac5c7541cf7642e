/// What a sync checks before each write (each apply batch, each prune) when several hosts may write: with leader
/// election, the Lease. Each write's kubectl call is cut off when the fence closes, so no write starts, or runs on,
/// after this host's hold on the Lease ended.
public protocol WriteFence: Sendable {
    /// Until when this host may write; `nil` when it may not write now.
    func writeDeadline() -> ContinuousClock.Instant?

    /// Why writing is not allowed, for the `sync_failed` event: "this host does not hold the Lease …".
    var refusal: String { get }
}

public import Sync

extension Leadership: WriteFence {
    /// Until when this host may write: the end of its hold on the Lease (the start of its last successful renewal
    /// plus the renew deadline, sooner than any other host may take the Lease over).
    public func writeDeadline() -> ContinuousClock.Instant? {
        heldUntil
    }

    public var refusal: String {
        "this host's hold on the Lease \(lease) ended (not renewed within the renew deadline, or another host holds it)"
    }
}

/// What one poll of the remote found.
public struct PollResult: Hashable, Sendable {
    /// The tip of the tracked branch the mirror held before the poll (nil on the first clone).
    public var previous: CommitID?
    /// The tip of the tracked branch on the remote, now present in the mirror.
    public var current: CommitID
    /// Whether objects were downloaded; false when the branch had not moved.
    public var fetched: Bool
    /// The network requests made, in order.
    public var requests: [GitRequest]
    /// Where a corrupt mirror was moved before re-cloning, if that happened in this poll.
    public var movedAsideMirror: String?

    public init(
        previous: CommitID?,
        current: CommitID,
        fetched: Bool,
        requests: [GitRequest],
        movedAsideMirror: String? = nil
    ) {
        self.previous = previous
        self.current = current
        self.fetched = fetched
        self.requests = requests
        self.movedAsideMirror = movedAsideMirror
    }

    /// True when the tip differs from the one the mirror held before.
    public var changed: Bool { previous != current }
}

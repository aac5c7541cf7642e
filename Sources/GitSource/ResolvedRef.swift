/// A branch, tag, ref or commit id resolved to a commit present in the mirror.
public struct ResolvedRef: Hashable, Sendable {
    /// What the caller asked for.
    public var ref: String
    /// The full ref name it matched on the remote (`refs/heads/feature`), nil for a commit id.
    public var fullName: String?
    public var commit: CommitID
    /// The network requests made to resolve it (none when the mirror already held the commit).
    public var requests: [GitRequest]

    public init(ref: String, fullName: String?, commit: CommitID, requests: [GitRequest]) {
        self.ref = ref
        self.fullName = fullName
        self.commit = commit
        self.requests = requests
    }
}

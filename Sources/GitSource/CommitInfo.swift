/// What a commit says about itself.
public struct CommitInfo: Hashable, Sendable {
    public var id: CommitID
    public var author: CommitPerson
    public var committer: CommitPerson
    /// The full message, as recorded.
    public var message: String
    /// The first line of the message.
    public var summary: String
    public var parents: [CommitID]

    public init(
        id: CommitID,
        author: CommitPerson,
        committer: CommitPerson,
        message: String,
        summary: String,
        parents: [CommitID]
    ) {
        self.id = id
        self.author = author
        self.committer = committer
        self.message = message
        self.summary = summary
        self.parents = parents
    }
}

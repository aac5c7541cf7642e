public import Foundation

/// The author or committer of a commit, with the time they recorded.
public struct CommitPerson: Hashable, Sendable {
    public var name: String
    public var email: String
    public var time: Date
    /// The recorded time zone, in minutes east of UTC.
    public var utcOffsetMinutes: Int

    public init(name: String, email: String, time: Date, utcOffsetMinutes: Int) {
        self.name = name
        self.email = email
        self.time = time
        self.utcOffsetMinutes = utcOffsetMinutes
    }
}

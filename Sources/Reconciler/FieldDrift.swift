public import MooringCore

/// One drifted field: what Mooring applied, what is live, and who changed it.
public struct FieldDrift: Sendable, Equatable {
    public var path: FieldPath
    /// The value Mooring wants (`nil`: Mooring does not set it), secrets redacted.
    public var desired: JSONValue?
    /// The live value (`nil`: removed), secrets redacted.
    public var live: JSONValue?
    /// Field managers that own the live field, Mooring excluded. Empty when the API cannot say
    /// (a removed field has no owner).
    public var managers: [String]

    public init(path: FieldPath, desired: JSONValue?, live: JSONValue?, managers: [String]) {
        self.path = path
        self.desired = desired
        self.live = live
        self.managers = managers
    }
}

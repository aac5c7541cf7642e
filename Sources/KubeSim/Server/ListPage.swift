import MooringCore

/// One answer to a list: the items, the revision they are read at, and where the next page starts.
struct ListPage: Sendable {
    var items: [JSONValue]
    var revision: Int
    var continueToken: String?
    /// How many objects follow the page; only counted for lists without selectors, as a real server does.
    var remainingItemCount: Int?
}

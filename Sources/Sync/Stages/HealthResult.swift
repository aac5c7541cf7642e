import MooringCore

/// What the health stage found: whether the objects it waited for became healthy, and the objects its last poll
/// read.
struct HealthResult {
    var ready: Bool
    var live: [JSONValue]
}

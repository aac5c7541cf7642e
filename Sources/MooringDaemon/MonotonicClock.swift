/// The clock the daemon measures leases with and waits on: `ContinuousClock` in production, a test's manual clock in
/// tests, so that no test waits out a real lease. Its instants are `ContinuousClock`'s, so they are stored and
/// compared as plain values.
public protocol MonotonicClock: Clock, Sendable where Instant == ContinuousClock.Instant {}

extension ContinuousClock: MonotonicClock {}

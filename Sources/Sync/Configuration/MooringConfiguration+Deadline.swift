extension MooringConfiguration {
    /// How many kubectl calls one target's sync may make outside its health waits, at most: the live list, the
    /// drift checks, the apply batches, the prune, the settled versions.
    static let kubectlCallsPerTarget = 10

    /// The longest one whole sync may take before the daemon cancels it:
    ///
    ///     source.timeout + Σ targets (2 × health.timeout + 10 × cluster.timeout)
    ///
    /// one fetch, then per target two health waits (the CRDs it applies, then the workloads) and ten kubectl calls,
    /// each already bounded by its own timeout. A sync that lasts longer is hung in something that has no timeout
    /// of its own. With the defaults and one target: 60 s + 2 × 5 min + 10 × 120 s = 31 min.
    public var syncDeadline: Duration {
        targets.reduce(source.timeout) { total, target in
            total + health.timeout * 2 + target.cluster.timeout * Self.kubectlCallsPerTarget
        }
    }
}

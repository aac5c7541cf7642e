extension TargetReport.Outcome {
    /// How a sync that got to apply ended, from what it found and did: a refused commit (its fallback synced) is
    /// `refused`; a failure `failed`; objects left to another field manager `drifted`; a rollout not healthy
    /// `degraded`; anything written `applied`; drift left alone, found now or before, `drifted`; else `inSync`.
    init(
        refused: Bool,
        failed: Bool,
        conflicts: Bool,
        healthy: Bool,
        wroteSomething: Bool,
        driftLeft: Bool
    ) {
        self =
            if refused { .refused } else if failed { .failed } else if conflicts { .drifted } else if !healthy {
                .degraded
            } else if wroteSomething { .applied } else if driftLeft { .drifted } else { .inSync }
    }
}

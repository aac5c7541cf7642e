import Analysis

/// The checks one run judged, for the run counters.
struct GuardrailRuns {
    var model: String
    var checks: [CheckProgress]
}

/// What the loop knows between passes: each target's state as last read from or written to the cluster.
struct GuardrailBook {
    var saved: [String: [String: ModelGuardrails]] = [:]
    /// Why a target's state could not be read, so that it is logged once.
    var loadProblem: [String: String] = [:]
    /// Why a target's state could not be written, so that it is logged once.
    var saveProblem: [String: String] = [:]
}

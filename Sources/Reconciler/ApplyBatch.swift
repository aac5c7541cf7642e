public import MooringCore

/// Objects applied together in one kubectl call, in apply order.
public struct ApplyBatch: Sendable, Equatable {
    /// The phase of the batch's first object (a batch may span several phases).
    public var phase: ApplyPhase
    /// Take field ownership from other managers (`--force-conflicts`): only under `drift: heal`.
    public var force: Bool
    public var resources: [Resource]

    public init(phase: ApplyPhase, force: Bool, resources: [Resource]) {
        self.phase = phase
        self.force = force
        self.resources = resources
    }
}

/// How the daemon steers a sync in progress: a fence checked before every write, the reason it was cancelled, and
/// where each stage is reported as it starts (the status page's "stuck since"). The default steers nothing, as
/// `mooring sync` needs.
public struct SyncControl: Sendable {
    /// Checked before every write; `nil` lets every write through.
    public var fence: (any WriteFence)?
    /// Why the sync's task was cancelled, when it was.
    public var interruption: SyncInterruption
    /// Told about each stage as it starts: `applying 3 object(s) (target default, commit 3f2c…)`.
    public var stage: @Sendable (String) -> Void

    public init(
        fence: (any WriteFence)? = nil,
        interruption: SyncInterruption = SyncInterruption(),
        stage: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.fence = fence
        self.interruption = interruption
        self.stage = stage
    }
}

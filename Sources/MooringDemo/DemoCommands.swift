public import Sync

/// The parts of the command-line tool the demo shows as they are — `mooring validate`, `mooring history`, `mooring status` and the
/// summary line of `mooring sync` — handed in by the CLI, which owns them.
public struct DemoCommands: Sendable {
    /// Runs `mooring validate` with these arguments, printing what it prints.
    public var validate: @Sendable ([String]) async throws -> Void
    /// Runs `mooring history` with these arguments, printing what it prints.
    public var history: @Sendable ([String]) async throws -> Void
    /// Runs `mooring status` with these arguments, printing what it prints.
    public var status: @Sendable ([String]) async throws -> Void
    /// The line `mooring sync` prints for a target.
    public var summary: @Sendable (TargetReport) -> String

    public init(
        validate: @escaping @Sendable ([String]) async throws -> Void,
        history: @escaping @Sendable ([String]) async throws -> Void,
        status: @escaping @Sendable ([String]) async throws -> Void,
        summary: @escaping @Sendable (TargetReport) -> String
    ) {
        self.validate = validate
        self.history = history
        self.status = status
        self.summary = summary
    }
}

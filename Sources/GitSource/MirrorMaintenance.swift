/// What one pass of ``GitMirror/maintain(keeping:)`` did.
public struct MirrorMaintenance: Sendable, Equatable {
    /// Packs in the mirror before and after.
    public var packsBefore = 0
    public var packsAfter = 0
    /// Whether it was repacked into one pack, unreachable objects pruned.
    public var repacked = false
    /// How many previewed refs were removed.
    public var removedPreviewRefs = 0
    /// The `mirror.git.corrupt-*` copies removed.
    public var removedCorruptCopies: [String] = []
    /// Why a repack that was due did not happen (`git` missing or failing), if so.
    public var problem: String?

    public init() {}
}

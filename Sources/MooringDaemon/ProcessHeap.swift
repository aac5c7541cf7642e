internal import CMalloc

/// glibc's malloc, held to what a daemon that polls for months needs.
///
/// Each sync's peak (kubectl's list of every live object, parsed) is freed when the sync ends, but glibc keeps freed
/// memory where it was: in the arena of the thread that allocated it (a thread gets an arena of its own, up to eight
/// per core), and at the top of the heap while it is below a threshold that grows with the largest blocks freed.
/// Between syncs the process held the free space of several arenas as if it were in use, more of it as their
/// fragments drifted apart: at 1,000 objects 81 MB idle, growing by about 20 KiB per no-change poll.
public enum ProcessHeap {
    /// Holds glibc to one malloc arena for the whole process. Call it first thing in `main`: a thread that has
    /// allocated already keeps the arena it got.
    public static func useOneArena() {
        _ = mallopt(M_ARENA_MAX, 1)
    }

    /// Hands the free memory of the heap back to the system (`malloc_trim`): after a sync, what stays resident is
    /// what the daemon keeps between syncs.
    static func releaseFreeMemory() {
        _ = malloc_trim(0)
    }
}

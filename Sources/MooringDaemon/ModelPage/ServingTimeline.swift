import Foundation
import Sync

/// Which versions of one model served when, drawn from `history.jsonl`: a run of segments, each a stretch of time in
/// which the serving versions (and the canary's traffic) stayed the same, the last one open until now.
struct ServingTimeline: Equatable {
    /// One stretch of time with the same serving versions.
    struct Segment: Equatable {
        /// When the change that began it was applied; `nil` when it began before the history read.
        var start: Date?
        var end: Date
        /// Whether it lasts until now.
        var isCurrent: Bool
        var state: ModelState
        /// The commit whose sync began it, and that commit's subject (untrusted text: escape it).
        var commit: String?
        var subject: String?
    }

    /// At most this many segments are kept (the newest), so that a model changed on every commit still draws a
    /// readable picture.
    static let segmentLimit = 200

    var segments: [Segment]
    /// Whether older history was left unread (or older segments dropped): the first segment may have begun earlier.
    var isPartial: Bool

    /// The timeline of the model `name` in `namespace` of `target`, from history entries oldest first; a segment
    /// still serving ends at `now`.
    init(history: [HistoryEntry], target: String, namespace: String, name: String, now: Date, complete: Bool) {
        var segments: [Segment] = []
        var partial = !complete
        for entry in history where entry.target == target {
            guard let change = entry.models.first(where: { $0.model == name && $0.namespace == namespace }) else {
                continue
            }
            if let last = segments.indices.last, segments[last].isCurrent {
                segments[last].end = entry.time
                segments[last].isCurrent = false
            } else if segments.isEmpty, let before = change.from {
                segments.append(Segment(start: nil, end: entry.time, isCurrent: false, state: before))
                partial = true
            }
            guard let state = change.to else { continue }
            segments.append(
                Segment(
                    start: entry.time,
                    end: max(now, entry.time),
                    isCurrent: true,
                    state: state,
                    commit: entry.commit,
                    subject: entry.subject
                )
            )
        }
        if segments.count > Self.segmentLimit {
            segments.removeFirst(segments.count - Self.segmentLimit)
            partial = true
        }
        self.segments = segments
        self.isPartial = partial
    }

    /// The versions that served, in the order they first appear.
    var versions: [String] {
        var seen: [String] = []
        for segment in segments {
            for version in [segment.state.stable, segment.state.canary].compactMap({ $0 }) where !seen.contains(version)
            {
                seen.append(version)
            }
        }
        return seen
    }
}

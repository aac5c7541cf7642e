// Folder Sync: one sync end to end, configuration, journal.
// Folder Sync/Engine: the stages of one sync and its report.

public import Cluster
import Foundation
public import GitSource
public import Logging
import Manifests
import MooringCore
import Reconciler

/// Runs syncs: one fetch of the source, then for each target the stages in order — desired state,
/// live state, plan, drift checks, apply, prune, health — and the journal. The command-line tool and
/// the daemon both sync through this type and nothing else. Not reentrant: one sync at a time.
public actor SyncEngine {
    public nonisolated let configuration: MooringConfiguration
    let mirror: GitMirror
    let journal: Journal
    let logger: Logger
    /// What verifying each commit's signature concluded, and against which trust files (a fingerprint of their
    /// contents): no commit is verified twice by this process while those files stay the same.
    var signatureVerdicts = BoundedCache<CommitID, (trust: String, verdict: SignatureVerdict)>(capacity: 256)
    /// Checks commit signatures when `source.verify` asks for it.
    let signatureVerifier: SignatureVerifier
    /// The journal as loaded (and updated by each sync); `nil` until the first sync reads it.
    var state: JournalState?
    /// The state as `state.json` holds it (read intact or last written): a sync that changed nothing does not
    /// rewrite it (with 10,000 objects that is a 20 MB encode, checksum and fsync every poll).
    var savedState: JournalState?
    /// Whether the journal's inventory can guard pruning (false after a corrupt state file was set aside,
    /// until a sync has rebuilt it).
    var inventoryTrusted = true
    /// How Secret values are compared with what the journal holds of them (sealed); set when the journal is read.
    var secretSeal: SecretSeal?
    /// `state.json` as this engine last read or wrote it: another process's sync in between (a `mooring sync`
    /// by hand beside the daemon) changes it, and the journal is read again.
    var journalStamp: FileStamp?
    /// Why git could not be reached at the last poll (its error code), while it cannot: `source_unreachable` is
    /// raised when an outage starts or its cause changes, not at every poll of it.
    var sourceOutage: String?
    /// How the caller of the sync in progress steers it (the daemon: its write fence, why it cancelled it).
    var control = SyncControl()
    /// What reports need beyond one sync: commit details, the rendered models serving, the drift last found.
    var memory = ReportMemory()
    /// Per target, the aborted canaries its last sync held out of traffic (``HeldDesiredState/holds``).
    var heldCanaries: [String: Set<CanaryHold>] = [:]
    /// Whether the mirror was maintained by this process yet (it is at the first sync, then after each fetch).
    var mirrorMaintained = false
    /// Why the mirror could not be repacked at its last maintenance, so that it is logged once.
    var mirrorProblem: String?
    /// Per target, the live cache the daemon keeps by watches (``attach(_:)``); none for `mooring sync` and `diff`.
    var liveCaches: [String: LiveCache] = [:]

    /// An engine for `configuration`; `signatureVerifier` replaces the one `source.verify` describes (a test
    /// watching the verifier's programs gives one).
    public init(
        configuration: MooringConfiguration,
        logger: Logger,
        progress: (@Sendable (TransferProgress) -> Void)? = nil,
        signatureVerifier: SignatureVerifier? = nil
    ) throws(SyncError) {
        self.configuration = configuration
        self.logger = logger
        self.signatureVerifier = signatureVerifier ?? SignatureVerifier(source: configuration.source)
        self.journal = Journal(directory: configuration.stateDirectory, history: configuration.history)
        do {
            try DurableFile.createDirectory(configuration.stateDirectory)
            self.mirror = try GitMirror(options: configuration.gitSourceOptions, progress: progress)
        } catch let error as DurableFile.Failure {
            throw SyncError(code: .journal, message: "\(error.path) \(error.message)")
        } catch let error as GitSourceError {
            throw SyncError(code: .source, message: error.description)
        } catch {
            throw SyncError(code: .source, message: "\(error)")
        }
    }

    /// Plans the syncs of `cache.target` against `cache` from now on: the collections it has in sync are read
    /// from it, without kubectl.
    public func attach(_ cache: LiveCache) {
        liveCaches[cache.target] = cache
    }

    /// One full sync of every target. In `.dryRun` mode, everything up to the decision runs (server-side
    /// dry-runs included) and nothing is changed: no apply, no prune, no journal write. In `.preview` mode, the same
    /// stages run for the desired state of its source, and each target's report carries its preview (see
    /// ``preview(_:target:)``).
    ///
    /// A commit that failed is retried only once its backoff has passed, so a daemon does not hammer a
    /// failing cluster; `ignoringBackoff` retries at once (a person running `mooring sync`).
    ///
    /// Cancelling the calling task stops the sync at its next step (a kubectl call in progress is killed, a health
    /// wait ends): the sync is recorded as abandoned for the reason `control` gives, and its journal is saved.
    /// Before each write, `control`'s fence is checked.
    public func sync(
        _ mode: SyncMode = .apply,
        ignoringBackoff: Bool = false,
        control: SyncControl = SyncControl()
    )
        async -> SyncReport
    {
        self.control = control
        defer { self.control = SyncControl() }
        do {
            return try await holdingStateLock { () async throws(SyncError) in
                if case .preview(let source) = mode {
                    return SyncReport(
                        events: [],
                        targets: try await previewLocked(source, targets: configuration.targets)
                    )
                }
                return await syncLocked(mode, ignoringBackoff: ignoringBackoff)
            }
        } catch {
            let event = SyncEvent(.syncFailed, .error, "no sync: \(error.message)")
            event.log(to: logger)
            return SyncReport(events: [event], targets: [])
        }
    }

    private func syncLocked(_ mode: SyncMode, ignoringBackoff: Bool) async -> SyncReport {
        var events: [SyncEvent] = []
        do {
            try loadJournal(&events)
            try journal.checkWritable()
        } catch {
            // Without a journal that can be read and written, a sync could neither guard its prunes nor record
            // what it did: nothing is done, and the file is left as it is. Every target fails (and is not ready).
            let targets = configuration.targets.map { target in
                var run = TargetRun(target: target, logger: logger)
                run.raise(SyncEvent(.syncFailed, .error, "no sync: \(error.message)", details: .init(code: "journal")))
                return run.report(.failed, commit: nil)
            }
            return SyncReport(events: events, targets: await completed(targets))
        }
        let poll = await pollSource(&events)
        var reports: [TargetReport] = []
        for target in configuration.targets {
            let journal = TargetJournal(
                state: state?[target.name] ?? TargetState(),
                inventoryTrusted: inventoryTrusted,
                seal: secretSeal
            )
            reports.append(
                await sync(target, input: .polled(poll), journal: journal, mode: mode, ignoringBackoff: ignoringBackoff)
            )
        }
        reports = await completed(reports)
        if mode.writes, let state, state != savedState {
            do {
                try journal.save(state)
                savedState = state
                journalStamp = FileStamp.of(journal.statePath)
            } catch {
                raise(SyncEvent(.syncFailed, .error, "the journal could not be saved: \(error.message)"), into: &events)
            }
        }
        if mode.writes { await maintainMirror(after: poll) }
        return SyncReport(events: events, targets: reports, sourceReachable: poll != nil)
    }

    /// Polls the git source; `nil` when it cannot be reached (`source_unreachable` raised when an outage starts or
    /// its cause changes, not at every poll of it).
    private func pollSource(_ events: inout [SyncEvent]) async -> PollResult? {
        do {
            let poll = try await mirror.poll()
            if let moved = poll.movedAsideMirror {
                logger.warning("the mirror could not be used and was moved aside to \(moved); cloned again")
            }
            if sourceOutage != nil { logger.info("the git source is reachable again") }
            sourceOutage = nil
            return poll
        } catch {
            let message = "git source unreachable: \(error.message); keeping the last applied state"
            if sourceOutage == error.code.description {
                // Logged when the outage starts or its cause changes; each poll of the same outage is a debug line.
                logger.debug("still: \(message)")
            } else {
                raise(
                    SyncEvent(.sourceUnreachable, .error, message, details: .init(code: error.code.description)),
                    into: &events
                )
            }
            sourceOutage = error.code.description
            return nil
        }
    }

    /// Reads the journal on first use, and again when another process wrote it since; a corrupt one is set
    /// aside and the run continues in safe mode. Throws when it cannot be read at all (nothing is set aside).
    private func loadJournal(_ events: inout [SyncEvent]) throws(SyncError) {
        if secretSeal == nil { secretSeal = try journal.secretSeal() }
        let stamp = FileStamp.of(journal.statePath)
        guard state == nil || stamp != journalStamp else { return }
        let load = try journal.load()
        journalStamp = stamp
        savedState = nil
        state = load.state
        if case .intact(let intact) = load { savedState = intact }
        if case .corrupt(let reason, let movedTo) = load {
            journalStamp = nil
            inventoryTrusted = false
            raise(
                SyncEvent(
                    .journalCorrupt,
                    .error,
                    "state.json is damaged (\(reason)); moved to \(movedTo). Safe mode: applying, never pruning",
                    details: .init(movedTo: movedTo)
                ),
                into: &events
            )
        }
    }

    private func raise(_ event: SyncEvent, into events: inout [SyncEvent]) {
        event.log(to: logger)
        events.append(event)
    }
}

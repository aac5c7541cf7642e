import GitSource

extension SyncEngine {
    /// What a sync would change, object by object, with field-level diffs, for the tip of the branch,
    /// another ref (a pull request) or a local folder. Changes nothing: server-side dry-runs only, and
    /// the journal is only read. The sync pipeline in `.preview(source)` mode, for one target or all.
    public func preview(_ source: PreviewSource, target name: String? = nil) async throws(SyncError) -> [TargetPreview]
    {
        let targets = try chooseTargets(name)
        let reports = try await holdingStateLock { () async throws(SyncError) in
            try await previewLocked(source, targets: targets)
        }
        var previews: [TargetPreview] = []
        for report in reports {
            guard let preview = report.preview else {
                let reason = report.events.last { $0.name == .syncFailed }?.message ?? "no preview"
                throw report.failure ?? SyncError(code: .cluster, message: reason)
            }
            previews.append(preview)
        }
        return previews
    }

    /// The pipeline in `.preview(source)` mode for each of `targets` in turn, against the journal as it is (read,
    /// never repaired), until one cannot be previewed. Throws when `source` cannot be resolved to a commit.
    func previewLocked(_ source: PreviewSource, targets: [TargetSettings]) async throws(SyncError) -> [TargetReport] {
        let state = ((try? journal.load(repairing: false)) ?? .fresh).state
        let seal = journal.existingSecretSeal()
        let input = try await desiredInput(of: source)
        var reports: [TargetReport] = []
        for target in targets {
            let journal = TargetJournal(state: state[target.name], inventoryTrusted: true, seal: seal)
            let report = await sync(
                target,
                input: input,
                journal: journal,
                mode: .preview(source),
                ignoringBackoff: true
            )
            reports.append(report)
            if report.preview == nil { break }
        }
        return reports
    }

    /// Where the desired-state stage of a preview of `source` takes its files from: the commit at the tip of the
    /// branch or the ref names, or the folder.
    private func desiredInput(of source: PreviewSource) async throws(SyncError) -> DesiredInput {
        do {
            switch source {
            case .trackedBranch: return .commit(try await mirror.poll().current)
            case .ref(let ref): return .commit(try await mirror.resolve(ref: ref).commit)
            case .folder(let path): return .folder(path)
            }
        } catch {
            throw SyncError(code: .source, message: error.description)
        }
    }

    private func chooseTargets(_ name: String?) throws(SyncError) -> [TargetSettings] {
        guard let name else { return configuration.targets }
        guard let target = configuration.targets.first(where: { $0.name == name }) else {
            let names = configuration.targets.map(\.name).joined(separator: ", ")
            throw SyncError(code: .refused, message: "no target named \(name) (targets: \(names))")
        }
        return [target]
    }
}

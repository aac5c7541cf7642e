extension HistoryEntry.Result {
    /// What the audit trail records for a sync that ended as `outcome`.
    init(_ outcome: TargetReport.Outcome) {
        self =
            switch outcome {
            case .applied, .inSync: .applied
            case .drifted: .drifted
            case .degraded: .degraded
            case .refused: .refused
            case .failed, .waiting, .planned: .failed
            }
    }
}

extension HistoryEntry {
    /// The models whose serving versions differ between `old` and `new`, by name.
    static func modelChanges(from old: [String: ModelState], to new: [String: ModelState]) -> [ModelChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { name in
            guard old[name] != new[name] else { return nil }
            let namespace = new[name]?.namespace ?? old[name]?.namespace ?? ""
            return ModelChange(model: name, namespace: namespace, from: old[name], to: new[name])
        }
    }
}

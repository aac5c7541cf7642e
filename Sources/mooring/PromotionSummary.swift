import Manifests

/// What `mooring promote` prints: the promotion as a pull-request description in markdown — the versions,
/// the lines changed, and the record of the version that becomes stable.
struct PromotionSummary {
    /// The model before the promotion (its canary is the version promoted).
    var model: ModelSummary
    /// The edited file, relative to the checkout.
    var file: String
    /// The edit made to it.
    var edit: PromotionEdit.Result

    func markdown() -> String {
        let promoted = model.canary?.version ?? model.stable
        var lines = [
            "### Promote \(model.qualifiedName): version \(promoted) becomes stable",
            "",
            "Stable was \(model.stable); the canary (\(promoted) at \(model.canary?.traffic ?? 0)% of traffic) now "
                + "serves all of it. Changed in `\(file)`:",
            "",
            "```diff",
        ]
        lines += changedLines()
        lines += ["```"]
        if let record = model.versions.first(where: { $0.version == promoted }) {
            lines += ["", "Version \(promoted): artifact `\(record.artifact.uri)`"]
            let metrics = record.metrics.keys.sorted().map { "\($0) \(record.metrics[$0] ?? 0)" }
            if !metrics.isEmpty { lines.append("metrics: " + metrics.joined(separator: ", ")) }
        }
        return lines.joined(separator: "\n")
    }

    /// The changed lines as hunks of a unified diff, in file order.
    private func changedLines() -> [String] {
        let stable = [
            "@@ line \(edit.stableLine.number) @@", "-" + edit.stableLine.before, "+" + edit.stableLine.after,
        ]
        let canary = ["@@ line \(edit.removedCanary.first) @@"] + edit.removedCanary.lines.map { "-" + $0 }
        return edit.stableLine.number < edit.removedCanary.first ? stable + canary : canary + stable
    }
}

public import MooringCore

/// One field in which a record and the run it names disagree.
public struct RecordDifference: Sendable, Equatable, CustomStringConvertible {
    /// `spec.metrics.auc`, `spec.data[1].digest`, `metadata.annotations.mooring.dev/mlflow-run-id`.
    public var path: FieldPath
    /// The value in the record; `nil` when the record lacks the field.
    public var recorded: JSONValue?
    /// The value from the run; `nil` when the run has no such value.
    public var fromRun: JSONValue?

    public var description: String {
        "\(path): the record has \(recorded?.serialized() ?? "nothing"), the run has \(fromRun?.serialized() ?? "nothing")"
    }

    /// Every difference between a record's document and the one made from the run, in `spec` and in the
    /// provenance annotations the run gives, sorted by path. Fields only a person adds (a comment, a label)
    /// are not compared.
    public static func between(record: JSONValue, run: JSONValue) -> [RecordDifference] {
        var found: [RecordDifference] = []
        compare(record["spec"], run["spec"], at: FieldPath.root.appending("spec"), into: &found)
        let annotations = FieldPath.root.appending("metadata").appending("annotations")
        for (key, value) in run[path: annotations]?.objectValue ?? [:] {
            compare(record[path: annotations.appending(key)], value, at: annotations.appending(key), into: &found)
        }
        return found.sorted { $0.path < $1.path }
    }

    private static func compare(
        _ recorded: JSONValue?,
        _ fromRun: JSONValue?,
        at path: FieldPath,
        into found: inout [Self]
    ) {
        switch (recorded, fromRun) {
        case (.object(let left)?, .object(let right)?):
            for key in Set(left.keys).union(right.keys) {
                compare(left[key], right[key], at: path.appending(key), into: &found)
            }
        case (.array(let left)?, .array(let right)?):
            for index in 0..<max(left.count, right.count) {
                compare(
                    index < left.count ? left[index] : nil,
                    index < right.count ? right[index] : nil,
                    at: path.appending(index: index),
                    into: &found
                )
            }
        default:
            if recorded != fromRun { found.append(RecordDifference(path: path, recorded: recorded, fromRun: fromRun)) }
        }
    }
}

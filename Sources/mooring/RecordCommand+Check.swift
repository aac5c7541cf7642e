import ArgumentParser
import Foundation
import Manifests
import MooringCore
import Tracking

extension RecordCommand {
    /// Compares the existing record with the run it names (or the run or registered version given) and reports
    /// every difference.
    /// Without `--metric`, the metrics compared are the record's own.
    func checkRecord() async throws {
        let shown = (folder as NSString).appendingPathComponent(recordPath)
        guard let data = FileManager.default.contents(atPath: shown) else {
            throw CommandFailure.runtime("\(shown) does not exist: there is no record to check")
        }
        let recorded: JSONValue
        do {
            guard let first = try YAMLReader.documents(in: String(decoding: data, as: UTF8.self)).first else {
                throw CommandFailure.runtime("\(shown) is empty")
            }
            recorded = first.value
        } catch let error as YAMLError {
            throw CommandFailure.runtime("\(shown): \(error)")
        }
        let annotations = recorded["metadata"]?["annotations"]
        let namedRun = annotations?[RecordDraft.runAnnotation]?.stringValue
        let namedServer = annotations?[RecordDraft.trackingAnnotation]?.stringValue
        let environmentServer = ProcessInfo.processInfo.environment["MLFLOW_TRACKING_URI"].flatMap {
            $0.isEmpty ? nil : $0
        }
        // Without --from-mlflow or --from-mlflow-model, the run (or registered version) the record names.
        let named = runID == nil && registeredModel == nil
        var draft = try await draft(
            runID: named ? namedRun : runID,
            registeredModel: named ? annotations?[RecordDraft.registeredAnnotation]?.stringValue : registeredModel,
            trackingURI: trackingURI ?? environmentServer ?? namedServer,
            metrics: metrics.isEmpty ? nil : metrics
        )
        if metrics.isEmpty, let kept = recorded["spec"]?["metrics"]?.objectValue {
            draft.record.metrics = draft.record.metrics.filter { kept[$0.key] != nil }
        }
        let fromRun: JSONValue
        do {
            fromRun = try YAMLReader.documents(in: draft.yaml).first?.value ?? .null
        } catch {
            throw CommandFailure.runtime("the record made from the run cannot be read back: \(error)")
        }
        let differences = RecordDifference.between(record: recorded, run: fromRun)
        let run = draft.annotations[RecordDraft.runAnnotation] ?? ""
        guard differences.isEmpty else {
            print(
                "\(shown) differs from MLflow run \(run) in \(differences.count) field\(differences.count == 1 ? "" : "s"):"
            )
            for difference in differences { print("  \(difference)") }
            throw ExitCode(1)
        }
        print("\(shown) matches MLflow run \(run)")
    }
}

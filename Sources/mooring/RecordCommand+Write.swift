import Foundation
import Glibc
import Manifests
import MooringCore
import Tracking

extension RecordCommand {
    /// Makes the record, checks it in the deploy folder as `mooring validate` would, writes it (never over an
    /// existing file) and tells whether the version passes the model's gates.
    func writeRecord() async throws {
        let shown = (folder as NSString).appendingPathComponent(recordPath)
        if FileManager.default.fileExists(atPath: shown) {
            throw CommandFailure.runtime(
                "\(shown) already exists: records are immutable, so it was not overwritten (record a new version, or compare it with the run with --check)"
            )
        }
        let draft = try await draft(
            runID: runID,
            registeredModel: registeredModel,
            trackingURI: trackingURI,
            metrics: metrics.isEmpty ? nil : metrics
        )
        let policy = try HostPolicy.load(config: config, target: target, folder: folder)
        let files = try folderFiles(policy: policy)
        let record = SourceFile(path: recordPath, bytes: Array(draft.yaml.utf8))
        let builder = DesiredStateBuilder(policy: policy)
        let problems = builder.validate(files: files + [record]).report.diagnostics.filter { $0.file == recordPath }
        guard problems.isEmpty else {
            throw CommandFailure.runtime(
                "the record made from the run does not validate, so it was not written:\n"
                    + problems.map { "  \($0)" }.joined(separator: "\n")
            )
        }
        try Self.create(shown, contents: draft.yaml)
        let source =
            draft.annotations[RecordDraft.registeredAnnotation].map { "registered model version \($0), " } ?? ""
        print(
            "wrote \(shown) from \(source)MLflow run \(draft.annotations[RecordDraft.runAnnotation] ?? "") at \(draft.annotations[RecordDraft.trackingAnnotation] ?? "")"
        )
        let digest = draft.record.artifact.digest.map { "digest \($0)" } ?? "no digest"
        print("  artifact: \(draft.record.artifact.uri) (\(digest))")
        for note in draft.notes { print("  note: \(note)") }
        print(GateVerdict(model: model, version: version, files: files, record: record, builder: builder).summary)
    }

    /// The deploy folder's files, read with the host's input limits.
    func folderFiles(policy: ValidationPolicy) throws -> [SourceFile] {
        do throws(ManifestsError) {
            return try LocalFolderReader(limits: policy.limits).read(at: folder)
        } catch {
            throw CommandFailure.runtime("cannot read the deploy folder \(folder): \(error)")
        }
    }

    /// Writes `contents` to `path` only if nothing is there: a complete temporary file, fsynced, then linked to
    /// `path` (which fails when it exists), so a record is never half-written nor overwritten.
    private static func create(_ path: String, contents: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure.runtime("cannot create \(folder): \(error.localizedDescription)")
        }
        let temporary = (folder as NSString).appendingPathComponent(".record-\(getpid()).tmp")
        defer { unlink(temporary) }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CommandFailure.runtime("cannot write \(temporary): \(Self.errorText())") }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0 else {
            throw CommandFailure.runtime("cannot write \(temporary): \(Self.errorText())")
        }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST {
                throw CommandFailure.runtime("\(path) already exists: records are immutable, so it was not overwritten")
            }
            throw CommandFailure.runtime("cannot write \(path): \(Self.errorText())")
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

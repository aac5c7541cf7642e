import GitSource
import Manifests

extension DesiredStateStage {
    /// The files a preview of `commit` validates (the tip of the branch, or a ref): its folder for the target as it
    /// is — no signature check, no fallback. A commit that cannot be read fails the preview.
    func previewFiles(of commit: CommitID, run: inout TargetRun) async -> FilesRead {
        do {
            let files = try await mirror.snapshot(of: commit, folder: target.path).files
            return .files(DesiredFiles(files: files, purpose: .preview(commit)))
        } catch {
            run.fail(SyncError(code: .source, message: "\(error)"))
            return .decided(.unavailable)
        }
    }

    /// The files a preview of the local deploy folder at `path` validates, read under the target's limits; a folder
    /// the reader refuses (too large, a bad path) is an invalid desired state.
    func previewFiles(inFolder path: String) -> FilesRead {
        do {
            let files = try LocalFolderReader(limits: policy.limits).read(at: path)
            return .files(DesiredFiles(files: files, purpose: .preview(.localFolder)))
        } catch {
            return .decided(.invalid(ValidationReport(refusal: error)))
        }
    }
}

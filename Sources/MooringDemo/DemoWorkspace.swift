import Foundation
import Glibc

/// The one folder everything of `mooring demo` lives in — the git repository, the host configuration, the
/// state directory, the simulator's kubeconfig and kubectl's cache — created private under `TMPDIR` and
/// removed at the end.
struct DemoWorkspace: Sendable {
    let path: String

    /// Creates `mooring-demo.XXXXXX` (0700) under the temporary folder.
    static func create() throws(DemoError) -> DemoWorkspace {
        var template = Array((NSTemporaryDirectory() + "/mooring-demo.XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let created else {
            throw DemoError(
                code: .setupFailed,
                message: "could not create a folder under \(NSTemporaryDirectory()): "
                    + "\(String(cString: strerror(errno))); check its space and permissions, or point TMPDIR elsewhere"
            )
        }
        return DemoWorkspace(path: URL(fileURLWithPath: created).standardizedFileURL.path)
    }

    /// The path of `relative` inside the workspace.
    func path(_ relative: String) -> String { path + "/" + relative }

    /// Removes the workspace and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

import Foundation

/// Paths as GitHub sees them: relative to the root of the git repository that holds them.
enum RepositoryPath {
    /// `path` relative to the nearest enclosing folder with a `.git`, or `path` itself when there is none.
    static func relativeToRepositoryRoot(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var candidate = URL(fileURLWithPath: absolute)
        while true {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(".git").path) {
                let root = candidate.path
                if absolute == root { return "" }
                return String(absolute.dropFirst(root.hasSuffix("/") ? root.count : root.count + 1))
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return path }
            candidate = parent
        }
    }
}

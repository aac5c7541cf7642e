import CLibGit2

/// Facts about the libgit2 this process runs with, for `mooring version`.
public enum GitLibrary {
    /// `1.5.1`
    public static var version: String {
        var (major, minor, revision): (Int32, Int32, Int32) = (0, 0, 0)
        git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }

    /// The transports and features it was built with: `threads`, `https`, `ssh`.
    public static var features: [String] {
        let flags = git_libgit2_features()
        let known: [(git_feature_t, String)] = [
            (GIT_FEATURE_THREADS, "threads"), (GIT_FEATURE_HTTPS, "https"), (GIT_FEATURE_SSH, "ssh"),
        ]
        return known.filter { flags & Int32($0.0.rawValue) != 0 }.map(\.1)
    }
}

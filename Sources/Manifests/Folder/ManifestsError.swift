/// A deploy folder that could not be read from disk. (Problems inside the manifests are
/// `Diagnostic`s in a `ValidationReport`, not errors.)
public struct ManifestsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Kinds of failure, extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The folder does not exist or is not a folder.
        public static let folderNotFound = Code("folder-not-found")
        /// A file or folder could not be read.
        public static let unreadable = Code("unreadable")
        /// A symbolic link points outside the folder.
        public static let symlinkOutsideFolder = Code("symlink-outside-folder")
        /// A manifest file is larger than the limit.
        public static let fileTooLarge = Code("file-too-large")
        /// More manifest files, or more bytes in all, than the limits allow.
        public static let folderTooLarge = Code("folder-too-large")

        public var description: String { name }
    }

    public var code: Code
    /// The file or folder concerned.
    public var path: String
    public var message: String

    public init(code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

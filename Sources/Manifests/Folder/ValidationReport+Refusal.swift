extension ValidationReport {
    /// A report of a folder that could not be read as a whole (a link outside it, a file over the limit).
    public init(refusal error: ManifestsError) {
        let rule: Diagnostic.Rule
        switch error.code {
        case .fileTooLarge: rule = .fileTooLarge
        case .folderTooLarge: rule = .folderTooLarge
        case .symlinkOutsideFolder: rule = .symlinkOutsideFolder
        default: rule = .unreadable
        }
        self.init(
            diagnostics: [Diagnostic(rule: rule, file: error.path, line: 0, message: error.message)],
            fileCount: 0,
            objectCount: 0,
            validObjectCount: 0
        )
    }
}

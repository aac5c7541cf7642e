/// Presentation choices for a printed report.
public struct ReportStyle: Sendable, Equatable {
    /// Prepended (with `/`) to file paths so they are relative to where the reader is: the current
    /// directory for `text`, the repository root for `github`. Empty leaves paths relative to the deploy folder.
    public var pathPrefix: String
    /// ANSI colour, for a terminal (text only).
    public var colour: Bool

    public init(pathPrefix: String = "", colour: Bool = false) {
        self.pathPrefix = pathPrefix
        self.colour = colour
    }

    /// `file` as the reader should see it.
    func path(_ file: String) -> String {
        guard !pathPrefix.isEmpty, pathPrefix != "." else { return file }
        return pathPrefix.hasSuffix("/") ? pathPrefix + file : "\(pathPrefix)/\(file)"
    }
}

public import Foundation

/// A folder under the system temp directory that is removed when the closure returns.
public func withTemporaryDirectory<Result>(
    _ body: (URL) async throws -> Result
) async throws -> Result {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try await body(directory.url)
}

/// A uniquely named temporary folder; call `remove()` when done.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(prefix: String = "mooring-test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of a child of this folder.
    public func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

import Foundation
import Manifests
import MooringCore

/// The repository's example deploy folder (`deploy-manifests/`), which the demo and the README show.
enum ExampleFolder {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy-manifests")

    static func files() throws -> [SourceFile] { try LocalFolderReader().read(at: url.path) }

    /// Where reviewed expected output lives in the source tree (written when `MOORING_UPDATE_EXPECTED=1`).
    static let expectedSourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Expected")
}

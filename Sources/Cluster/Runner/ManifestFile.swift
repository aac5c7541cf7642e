import Foundation
import MooringCore

/// Objects written for kubectl `-f`: a stream of JSON objects, one a line, in a file readable by the owner only
/// (0600), inside a private folder (0700) that is removed when the work is done.
///
/// Manifests never travel on the command line or through a pipe this process writes to, and Secret content
/// never lingers on disk after the call. The objects are not wrapped in a `v1 List`: kubectl validates a List
/// against the whole `/openapi/v2` document (megabytes on a real cluster), but plain objects per group-version
/// against `/openapi/v3`.
enum ManifestFile {
    /// Writes `objects` to a private file, runs `body` with its path, and removes file and folder afterwards.
    static func with<Result>(
        _ objects: [JSONValue],
        command: String,
        _ body: (String) async throws(ClusterError) -> Result
    ) async throws(ClusterError) -> Result {
        let folder = try makePrivateFolder(command: command)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/objects.json"
        try writeAll(objects.flatMap { $0.serializedBytes() + [UInt8(ascii: "\n")] }, to: path, command: command)
        return try await body(path)
    }

    private static func makePrivateFolder(command: String) throws(ClusterError) -> String {
        var template = Array((NSTemporaryDirectory() + "/mooring-kubectl-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let created else { throw failure("could not create a private temporary folder", command: command) }
        return created
    }

    private static func writeAll(_ bytes: [UInt8], to path: String, command: String) throws(ClusterError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("could not create \(path)", command: command) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw failure("could not write \(path)", command: command) }
            written += count
        }
    }

    private static func failure(_ what: String, command: String) -> ClusterError {
        ClusterError(
            code: .internalError,
            message: "\(what): \(String(cString: strerror(errno))); check the temporary folder's space and permissions",
            command: command
        )
    }
}

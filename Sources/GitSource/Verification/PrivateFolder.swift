import Foundation
import Glibc

/// A folder only this user can enter (0700), for the files one verification needs; removed by `remove()`.
struct PrivateFolder: Sendable {
    let path: String

    init() throws(GitSourceError) {
        var template = Array((NSTemporaryDirectory() + "/mooring-verify-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let created else {
            throw GitSourceError(
                code: .verifierFailed,
                message: "cannot create a private folder for signature verification in \(NSTemporaryDirectory()): "
                    + String(cString: strerror(errno))
            )
        }
        path = created
    }

    /// Writes `bytes` to a new file `name` (0600) in the folder and returns its path.
    func write(_ name: String, _ bytes: [UInt8]) throws(GitSourceError) -> String {
        let file = "\(path)/\(name)"
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw writeFailure(file) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: bytes)
            try handle.close()
        } catch {
            throw writeFailure(file)
        }
        return file
    }

    /// Creates a subfolder `name` (0700) and returns its path.
    func folder(_ name: String) throws(GitSourceError) -> String {
        let folder = "\(path)/\(name)"
        guard mkdir(folder, 0o700) == 0 else { throw writeFailure(folder) }
        return folder
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    private func writeFailure(_ file: String) -> GitSourceError {
        GitSourceError(
            code: .verifierFailed,
            message: "cannot write \(file) for signature verification: \(String(cString: strerror(errno)))"
        )
    }
}

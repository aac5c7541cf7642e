import CLibGit2

/// Process-wide set-up of libgit2, and small conversions used throughout the target.
enum LibGit2 {
    /// Initializes libgit2 and the deadline's signal handler, once per process.
    static func initialize() { _ = initialization }

    private static let initialization: Void = {
        git_libgit2_init()
        NetworkDeadline.installInterruptHandler()
    }()

    /// The last error libgit2 recorded on this thread (it is thread-local: call right after the failing call).
    static func lastError() -> (message: String, errorClass: Int32) {
        guard let error = git_error_last() else { return ("unknown libgit2 error", 0) }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown libgit2 error"
        return (message, error.pointee.klass)
    }

    static func commitID(_ oid: git_oid) -> CommitID? {
        var buffer = [CChar](repeating: 0, count: 41)
        var oid = oid
        buffer.withUnsafeMutableBufferPointer { _ = git_oid_fmt($0.baseAddress, &oid) }
        return CommitID(String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    static func commitID(_ oid: UnsafePointer<git_oid>?) -> CommitID? {
        guard let oid else { return nil }
        return commitID(oid.pointee)
    }

    static func oid(_ id: CommitID) -> git_oid {
        var oid = git_oid()
        _ = git_oid_fromstr(&oid, id.hex)
        return oid
    }

    static func equal(_ first: git_oid, _ second: git_oid) -> Bool {
        var (first, second) = (first, second)
        return git_oid_equal(&first, &second) == 1
    }

    /// A name as libgit2 stores it, in bytes; `\xNN` escapes for anything that is not printable ASCII.
    static func escaped(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in bytes {
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return text
    }
}

/// FNV-1a, 64 bits: a stable, dependency-free digest for fingerprints (not for security).
public enum StableHash {
    /// The digest of `bytes` as 16 lowercase hex digits.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        // Contiguous bytes (an array, a string's UTF-8) are hashed in a tight loop over a buffer; iterating a
        // generic sequence from another module costs a witness call per byte (a 20 MB journal: 0.3 s).
        let hash = bytes.withContiguousStorageIfAvailable(digest) ?? digest(bytes)
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func digest(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hex(of text: String) -> String { hex(of: text.utf8) }
}

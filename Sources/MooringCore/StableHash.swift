/// FNV-1a, 64 bits: a stable, dependency-free digest for fingerprints (not for security).
public enum StableHash {
    /// The digest of `bytes` as 16 lowercase hex digits.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hex(of text: String) -> String { hex(of: text.utf8) }
}

/// Digests as records write them: `algorithm:hex`.
enum DigestText {
    /// Whether `text` is `algorithm:hex` with a non-empty algorithm and hex part.
    static func isDigest(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && isHex(parts[1])
    }

    /// A data set digest MLflow recorded, as a record writes it: kept when it names its algorithm; 64 and 128
    /// hex digits are SHA-256 and SHA-512; other hex (MLflow's own digests are 8 digits of an MD5 over the
    /// data) becomes `mlflow:<hex>`. `nil` for text that is no digest.
    static func dataset(_ digest: String) -> String? {
        if isDigest(digest) { return digest }
        guard isHex(Substring(digest)) else { return nil }
        switch digest.count {
        case 64: return "sha256:" + digest.lowercased()
        case 128: return "sha512:" + digest.lowercased()
        default: return "mlflow:" + digest.lowercased()
        }
    }

    private static func isHex(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
            }
    }
}

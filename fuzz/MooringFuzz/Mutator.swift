/// Deterministic mutations of seed inputs: the same seed and round give the same input, so a finding can be
/// replayed by its round number alone.
struct Mutator {
    /// SplitMix64: small, fast, and the same on every machine.
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }

    /// Pieces of YAML and JSON syntax that make readers work hard: aliases in every key position, anchors,
    /// complex keys, quotes, comments, block scalars, flow collections, document markers, lists.
    static let tokens: [[UInt8]] = [
        "*a", "&a ", "*a:", "{*a: v}", "{*a}", "[*a: v]", "? *a\n: v\n", "<<: *a\n", "&a [x, x]", "[*a, *a]",
        "'", "\"", "#", " #", "|\n", ">-\n", "- ", ": ", ":", "{", "}", "[", "]", ",", "\n", "\n  ", "---\n", "...\n",
        "!!str ", "!t ", "\\", "\t", "items:\n  - ", "kind: List\n", "apiVersion: v1\n", "metadata: {name: a}\n",
        "\u{1B}", "\u{FEFF}", "\r\n", "%YAML 1.1\n", "0x1F", "1e400", "~", "null", "\"\\u0000\"",
    ].map { Array($0.utf8) }

    /// One mutation (or a few stacked) of `seed`, sometimes spliced with `other`.
    mutating func mutate(_ seed: [UInt8], other: [UInt8]) -> [UInt8] {
        var bytes = seed
        for _ in 0...below(4) {
            let position = below(bytes.count + 1)
            switch below(7) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1:
                bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: position)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + below(32) + 1)
                if position < end { bytes.removeSubrange(position..<end) }
            case 3 where !bytes.isEmpty:
                let start = below(bytes.count)
                let end = min(bytes.count, start + below(64) + 1)
                let piece = Array(bytes[start..<end])
                for _ in 0...below(8) { bytes.insert(contentsOf: piece, at: min(position, bytes.count)) }
            case 4 where !other.isEmpty:
                let start = below(other.count)
                bytes.insert(contentsOf: other[start..<min(other.count, start + below(256) + 1)], at: position)
            case 5:
                bytes.insert(UInt8(truncatingIfNeeded: next()), at: position)
            default:
                bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: position)
            }
        }
        return bytes
    }
}

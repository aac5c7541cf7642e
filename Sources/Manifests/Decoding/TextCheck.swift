/// Checks that a manifest's bytes are text: UTF-8 without NUL bytes (a leading byte-order mark is dropped).
enum TextCheck {
    struct Problem: Error {
        var rule: Diagnostic.Rule
        var line: Int
        var message: String
    }

    static func decode(_ bytes: [UInt8]) -> Result<String, Problem> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let nul = body.firstIndex(of: 0) {
            return .failure(
                Problem(
                    rule: .nulByte,
                    line: line(at: nul, in: body),
                    message: "the file contains a NUL byte; manifests must be UTF-8 text"
                )
            )
        }
        if let text = String(validating: body, as: UTF8.self) { return .success(text) }
        return .failure(
            Problem(
                rule: .notUTF8,
                line: line(at: firstInvalidOffset(body), in: body),
                message: "the file is not UTF-8 text; save it as UTF-8"
            )
        )
    }

    private static func firstInvalidOffset(_ body: ArraySlice<UInt8>) -> Int {
        var iterator = body.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = body.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput, .error: return offset
            }
        }
    }

    private static func line(at offset: Int, in body: ArraySlice<UInt8>) -> Int {
        1 + body[body.startIndex..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}

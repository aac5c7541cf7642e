/// Resolves plain YAML scalars the way kubectl does (sigs.k8s.io/yaml over go-yaml v2), so a
/// manifest means the same to Mooring as to `kubectl apply -f`: YAML 1.1 booleans (`yes`, `off`,
/// `y`), underscores in numbers, `0x`/`0o`/`0b` and leading-zero octal integers, and
/// timestamps kept as strings. Base-60 numbers are strings, as in go-yaml.
enum YAMLScalarResolver {
    /// Why a scalar cannot become JSON.
    struct Unrepresentable: Error {
        var message: String
    }

    private static let trueWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
    ]
    private static let falseWords: Set<String> = [
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
    ]
    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// The JSON value of a plain (unquoted, untagged) scalar.
    static func resolvePlain(_ text: String) throws(Unrepresentable) -> JSONValue {
        if nullWords.contains(text) { return .null }
        if trueWords.contains(text) { return .bool(true) }
        if falseWords.contains(text) { return .bool(false) }
        guard let first = text.utf8.first, isNumberStart(first) else { return .string(text) }
        let digits = String(text.filter { $0 != "_" })
        if let number = parseInteger(digits) { return .int(number) }
        if isFloatSyntax(digits) {
            guard let number = Double(digits) else { return .string(text) }
            guard number.isFinite else { throw Unrepresentable(message: "number out of range") }
            return .double(number)
        }
        if [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"]
            .contains(text)
        {
            throw Unrepresentable(message: "infinite and NaN numbers cannot be represented in JSON")
        }
        return .string(text)
    }

    /// The value of a scalar with an explicit standard tag (`!!str`, `!!int`…); `nil` for other tags.
    static func resolveTagged(_ text: String, tag: String) throws(Unrepresentable) -> JSONValue? {
        switch tag {
        case "tag:yaml.org,2002:str", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:timestamp":
            return .string(text)
        case "tag:yaml.org,2002:null":
            return .null
        case "tag:yaml.org,2002:bool":
            if trueWords.contains(text) { return .bool(true) }
            if falseWords.contains(text) { return .bool(false) }
            throw Unrepresentable(message: "!!bool value is not a boolean")
        case "tag:yaml.org,2002:int":
            guard let number = parseInteger(String(text.filter { $0 != "_" })) else {
                throw Unrepresentable(message: "!!int value is not an integer")
            }
            return .int(number)
        case "tag:yaml.org,2002:float":
            let value = try resolvePlain(text)
            guard let number = value.doubleValue else {
                throw Unrepresentable(message: "!!float value is not a number")
            }
            return .double(number)
        default:
            return nil
        }
    }

    private static func isNumberStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`: sign, then `0x`, `0o`, `0b`, a leading `0` for octal, or decimal.
    static func parseInteger(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("-") || body.hasPrefix("+") {
            negative = body.hasPrefix("-")
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        let radix: Int
        if body.hasPrefix("0x") || body.hasPrefix("0X") {
            radix = 16
            body = body.dropFirst(2)
        } else if body.hasPrefix("0o") || body.hasPrefix("0O") {
            radix = 8
            body = body.dropFirst(2)
        } else if body.hasPrefix("0b") || body.hasPrefix("0B") {
            radix = 2
            body = body.dropFirst(2)
        } else if body.count > 1, body.hasPrefix("0") {
            radix = 8
            body = body.dropFirst()
        } else {
            radix = 10
        }
        guard !body.isEmpty, let magnitude = UInt64(body, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { return nil }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int.max) else { return nil }
        return Int(magnitude)
    }

    /// Decimal float syntax as Go's `strconv.ParseFloat` accepts it (no hex floats, no words).
    private static func isFloatSyntax(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var sawDigit = false
        var sawDot = false
        var sawExponent = false
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
            case UInt8(ascii: ".") where !sawDot && !sawExponent:
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, !sawExponent else { return false }
                sawExponent = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return false }
            default:
                return false
            }
            previous = byte
        }
        return sawDigit && previous != UInt8(ascii: "e") && previous != UInt8(ascii: "E")
            && previous != UInt8(ascii: "-") && previous != UInt8(ascii: "+")
    }
}

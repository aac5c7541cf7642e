/// The Kubernetes naming rules (apimachinery's `validation` package), and which kind follows which.
enum NameRule {
    /// Up to 253 characters of lower-case letters, digits, `-` and `.`, starting and ending alphanumeric.
    case dns1123Subdomain
    /// Up to 63 lower-case letters, digits and `-`, starting and ending alphanumeric (Namespace).
    case dns1123Label
    /// A DNS-1123 label that starts with a letter (Service, and Mooring's ModelDeployment).
    case dns1035Label
    /// Anything but `/`, `%`, `.` and `..` (RBAC roles and bindings).
    case pathSegment

    /// The rule the API server applies to names of `kind` in `group`.
    static func forKind(_ kind: String, group: String) -> NameRule {
        switch (group, kind) {
        case ("", "Namespace"): return .dns1123Label
        case ("", "Service"): return .dns1035Label
        case ("mooring.dev", "ModelDeployment"): return .dns1035Label
        case ("rbac.authorization.k8s.io", _): return .pathSegment
        default: return .dns1123Subdomain
        }
    }

    /// Why `name` breaks the rule, or `nil` when it follows it.
    func problem(with name: String) -> String? {
        switch self {
        case .pathSegment:
            if name == "." || name == ".." { return "may not be \"\(name)\"" }
            if name.contains("/") || name.contains("%") { return "may not contain \"/\" or \"%\"" }
            if KubernetesSyntax.hasControlCharacter(name) { return "may not contain control characters" }
            return nil
        case .dns1123Label, .dns1035Label:
            if name.utf8.count > 63 { return "must be at most 63 characters (it has \(name.utf8.count))" }
            if !Self.isLabel(name) {
                return "must consist of lower-case letters, digits and '-', and start and end with a letter or digit"
            }
            if self == .dns1035Label, let first = name.utf8.first, !Self.isLetter(first) {
                return "must start with a lower-case letter"
            }
            return nil
        case .dns1123Subdomain:
            if name.utf8.count > 253 { return "must be at most 253 characters (it has \(name.utf8.count))" }
            if !name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ Self.isLabel($0) }) {
                return
                    "must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit"
            }
            return nil
        }
    }

    /// What the rule is called in messages.
    var title: String {
        switch self {
        case .dns1123Subdomain: return "a DNS-1123 subdomain"
        case .dns1123Label: return "a DNS-1123 label"
        case .dns1035Label: return "a DNS-1035 label"
        case .pathSegment: return "a path segment"
        }
    }

    private static func isLabel(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// Whether `value` is a valid label value: at most 63 characters of letters, digits, `-`, `_` and `.`,
    /// starting and ending alphanumeric (empty is allowed by Kubernetes, not by Mooring's version fields).
    static func isLabelValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool {
            isAlphanumeric(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        }
        return alphanumeric(first) && alphanumeric(last)
            && bytes.allSatisfy {
                alphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
            }
    }
}

/// The syntax Kubernetes itself gives `apiVersion`, `kind`, namespaces and labels (apimachinery's
/// `validation` package), checked when a manifest is read: none of them can then start with `-`, hold
/// a space, a comma or a control character, or otherwise be taken by kubectl for something else.
enum KubernetesSyntax {
    /// Why `apiVersion` is not `version` or `group/version` (group a DNS-1123 subdomain, version a
    /// DNS-1035 label such as `v1beta1`), or `nil` when it is.
    static func apiVersionProblem(_ apiVersion: String) -> String? {
        let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return "must be a version or group/version, with one '/' at most" }
        if parts.count == 2, let problem = NameRule.dns1123Subdomain.problem(with: String(parts[0])) {
            return "has a group that \(problem)"
        }
        if let problem = NameRule.dns1035Label.problem(with: String(parts[parts.count - 1])) {
            return "has a version that \(problem)"
        }
        return nil
    }

    /// Why `kind` is not a kind name (a letter, then letters, digits or `-`, at most 63, as the API server
    /// requires of a CustomResourceDefinition's kind), or `nil` when it is.
    static func kindProblem(_ kind: String) -> String? {
        let bytes = Array(kind.utf8)
        guard let first = bytes.first, bytes.count <= 63 else { return "must be 1 to 63 characters" }
        guard isASCIILetter(first), bytes.last != UInt8(ascii: "-"),
            bytes.allSatisfy({ isASCIILetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") })
        else { return "must start with a letter and hold only letters, digits and '-'" }
        return nil
    }

    /// Why `key` is not a label or annotation key (`[prefix/]name`: the prefix a DNS-1123 subdomain, the
    /// name at most 63 letters, digits, `-`, `_` or `.`, starting and ending alphanumeric), or `nil`.
    static func metadataKeyProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return "may hold one '/' at most" }
        if parts.count == 2, let problem = NameRule.dns1123Subdomain.problem(with: String(parts[0])) {
            return "has a prefix that \(problem)"
        }
        guard NameRule.isLabelValue(String(parts[parts.count - 1])) else {
            return
                "must end in a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
        }
        return nil
    }

    /// Why `value` is not a label value (empty, or at most 63 letters, digits, `-`, `_` or `.`, starting
    /// and ending alphanumeric), or `nil`.
    static func labelValueProblem(_ value: String) -> String? {
        guard value.isEmpty || NameRule.isLabelValue(value) else {
            return "must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
        }
        return nil
    }

    /// Whether `text` holds a control character (C0, DEL or C1), which no name Mooring prints may hold.
    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

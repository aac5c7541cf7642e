/// A path to a field inside a JSON value, printed the way Kubernetes users read them:
/// `spec.template.spec.containers[name=server].image`, `metadata.labels["app.kubernetes.io/name"]`.
public struct FieldPath: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// One step of a path.
    public enum Component: Hashable, Sendable {
        /// A member of an object.
        case key(String)
        /// An element of a list, by position.
        case index(Int)
        /// The element of a list whose `field` equals `value` (a list keyed by name, for example).
        case match(field: String, value: String)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// A path of object keys separated by dots, such as `"spec.replicas"`.
    public init(stringLiteral dotted: String) {
        // Split the UTF-8 bytes: splitting Characters is measurably slow on hot paths.
        self.components = dotted.utf8.split(separator: UInt8(ascii: ".")).map { .key(String(Substring($0))) }
    }

    public static let root = FieldPath()

    public var isRoot: Bool { components.isEmpty }

    /// This path extended by one object key.
    public func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }

    /// This path extended by one list position.
    public func appending(index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    /// This path extended by one component.
    public func appending(_ component: Component) -> FieldPath { FieldPath(components + [component]) }

    /// The path without its last component; the root stays the root.
    public var parent: FieldPath { FieldPath(Array(components.dropLast())) }

    /// Whether `self` is `other` or lies beneath it.
    public func hasPrefix(_ other: FieldPath) -> Bool { components.starts(with: other.components) }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key) where Self.isPlain(key):
                if !text.isEmpty { text += "." }
                text += key
            case .key(let key):
                text += "[\"\(key)\"]"
            case .index(let position):
                text += "[\(position)]"
            case .match(let field, let value):
                text += "[\(field)=\(value)]"
            }
        }
        return text.isEmpty ? "." : text
    }

    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.description < rhs.description }

    private static func isPlain(_ key: String) -> Bool {
        !key.isEmpty
            && key.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }
}

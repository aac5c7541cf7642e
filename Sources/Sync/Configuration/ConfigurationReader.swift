import MooringCore

/// Typed, strict reading of one YAML configuration document: every accessor records a problem
/// (with the key path and line) instead of throwing, so one pass reports everything wrong.
struct ConfigurationReader {
    let document: YAMLDocument
    /// The folder of the configuration file; relative paths in it are resolved against this.
    let baseDirectory: String
    /// Whether file paths must name readable files (off when only policies are wanted, as for
    /// `mooring validate --config` on a machine without the host's credentials).
    let checksFiles: Bool
    private(set) var problems: [ConfigurationError.Problem] = []

    init(document: YAMLDocument, baseDirectory: String, checksFiles: Bool = true) {
        self.document = document
        self.baseDirectory = baseDirectory
        self.checksFiles = checksFiles
    }

    mutating func report(_ path: FieldPath, _ message: String) {
        problems.append(.init(key: Self.keyName(path), line: document.line(of: path), message: message))
    }

    /// Checks that the object at `path` has only `allowed` keys (any keys when `nil`);
    /// returns `nil` when absent or not an object.
    mutating func object(_ path: FieldPath, allowed: Set<String>?) -> [String: JSONValue]? {
        guard let value = document.value[path: path], !value.isNull else { return nil }
        guard let members = value.objectValue else {
            report(path, "must be a mapping, not \(value.typeDescription)")
            return nil
        }
        for key in members.keys.sorted() where !(allowed?.contains(key) ?? true) {
            let expected = (allowed ?? []).sorted().joined(separator: ", ")
            report(path.appending(key), "unknown key (expected one of: \(expected))")
        }
        return members
    }

    /// The value at `path` converted by `extract`, or `nil` (and a problem) when it has another type.
    private mutating func typed<Value>(
        _ path: FieldPath,
        _ expected: String,
        _ extract: (JSONValue) -> Value?
    ) -> Value? {
        guard let value = document.value[path: path], !value.isNull else { return nil }
        guard let typed = extract(value) else {
            report(path, "must be \(expected), not \(value.typeDescription)")
            return nil
        }
        return typed
    }

    mutating func string(_ path: FieldPath) -> String? { typed(path, "a string", \.stringValue) }

    mutating func requiredString(_ path: FieldPath) -> String? {
        guard let text = string(path) else {
            if document.value[path: path]?.isNull ?? true { report(path, "is required") }
            return nil
        }
        guard !text.isEmpty else {
            report(path, "must not be empty")
            return nil
        }
        return text
    }

    mutating func bool(_ path: FieldPath) -> Bool? { typed(path, "true or false", \.boolValue) }

    mutating func integer(_ path: FieldPath, minimum: Int) -> Int? {
        guard let number = typed(path, "an integer", \.intValue) else { return nil }
        guard number >= minimum else {
            report(path, "must be at least \(minimum)")
            return nil
        }
        return number
    }

    mutating func number(_ path: FieldPath) -> Double? { typed(path, "a number", \.doubleValue) }

    mutating func strings(_ path: FieldPath) -> [String]? {
        guard let value = document.value[path: path], !value.isNull else { return nil }
        guard let elements = value.arrayValue else {
            report(path, "must be a list of strings, not \(value.typeDescription)")
            return nil
        }
        var result: [String] = []
        for (position, element) in elements.enumerated() {
            guard let text = element.stringValue else {
                report(path.appending(index: position), "must be a string, not \(element.typeDescription)")
                continue
            }
            result.append(text)
        }
        return result
    }

    /// A size in bytes: an integer, or a quantity with a binary suffix (`512Ki`, `4Mi`, `1Gi`).
    mutating func byteSize(_ path: FieldPath) -> Int? {
        guard let value = document.value[path: path], !value.isNull else { return nil }
        if let bytes = value.intValue, bytes > 0 { return bytes }
        let scales: [(String, Int)] = [("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30)]
        if let text = value.stringValue,
            let (suffix, scale) = scales.first(where: { text.hasSuffix($0.0) }),
            let number = Int(text.dropLast(suffix.count)), number > 0
        {
            return number * scale
        }
        report(path, "must be a positive size such as 4Mi, 512Ki or 1048576, not \(value.serialized())")
        return nil
    }

    /// A Go-style duration (`15s`, `5m`, `1h30m`, `250ms`) that must be positive.
    mutating func duration(_ path: FieldPath) -> Duration? {
        guard let text = string(path) else { return nil }
        guard let duration = GoDuration.parse(text), duration > .zero else {
            report(path, "must be a positive duration such as 15s, 5m or 1h30m, not \"\(text)\"")
            return nil
        }
        return duration
    }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ path: FieldPath,
        as type: Choice.Type
    ) -> Choice? where Choice.RawValue == String {
        guard let text = string(path) else { return nil }
        guard let choice = Choice(rawValue: text) else {
            let options = Choice.allCases.map(\.rawValue).joined(separator: " | ")
            report(path, "must be one of \(options), not \"\(text)\"")
            return nil
        }
        return choice
    }

    /// A file path, resolved against the configuration's folder, that must exist and be readable.
    mutating func readableFile(_ path: FieldPath) -> String? {
        guard let text = string(path) else { return nil }
        let resolved = resolve(text)
        guard !checksFiles || FileAccess.isReadableFile(resolved) else {
            report(path, "file \(resolved) cannot be read (missing, a directory, or no permission)")
            return nil
        }
        return resolved
    }

    /// A path resolved against the configuration's folder (absolute paths are kept).
    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : baseDirectory + "/" + path
    }

    /// A string that, when given, must not be empty.
    mutating func requiredStringIfPresent(_ path: FieldPath) -> String? {
        guard document.value[path: path] != nil else { return nil }
        return requiredString(path)
    }

    /// A relative local path as a repository URL is resolved against the configuration's folder;
    /// URLs with a scheme and scp-like `user@host:path` remotes are kept.
    func resolveLocalURL(_ url: String) -> String {
        if url.contains("://") || url.hasPrefix("/") { return url }
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return url }
        return resolve(url)
    }

    static func keyName(_ path: FieldPath) -> String { path.isRoot ? "(top level)" : path.description }
}

import Glibc
import MooringCore

/// A parsed host configuration file whose sections are checked on demand, so a command that needs
/// only `source` and `stateDir` (like `mooring source`) is not stopped by a cluster section that
/// names files absent on this machine. Top-level keys are always checked.
public struct ConfigurationFile: Sendable {
    public static let defaultPath = "/etc/mooring/mooring.yaml"

    static let topLevelKeys: Set<String> = [
        "source", "cluster", "policy", "targets", "health", "alerts", "server", "leaderElection", "stateDir",
        "history", "inventory", "analysis",
    ]

    /// The path as given.
    public let path: String
    let document: YAMLDocument
    let baseDirectory: String

    /// Reads and parses `path`; unreadable files, YAML errors and unknown top-level keys are errors.
    public static func load(_ path: String) throws(ConfigurationError) -> ConfigurationFile {
        let bytes: [UInt8]
        do {
            bytes = try readFile(path)
        } catch {
            throw ConfigurationError(file: path, problems: [.init(key: "(file)", line: 0, message: error.message)])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError(
                file: path,
                problems: [.init(key: "(file)", line: 0, message: "is not UTF-8 text")]
            )
        }
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader.documents(in: text)
        } catch {
            throw ConfigurationError(
                file: path,
                problems: [.init(key: "(yaml)", line: error.line, message: error.message)]
            )
        }
        let content = documents.filter { !$0.value.isNull }
        guard content.count == 1, let document = content.first else {
            let message = content.isEmpty ? "is empty" : "must hold one YAML document, not \(content.count)"
            throw ConfigurationError(file: path, problems: [.init(key: "(file)", line: 0, message: message)])
        }
        let base = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        let file = ConfigurationFile(path: path, document: document, baseDirectory: base.isEmpty ? "/" : base)
        try file.check { reader in
            _ = reader.object(.root, allowed: topLevelKeys)
            if document.value.objectValue == nil { reader.report(.root, "must be a mapping") }
        }
        return file
    }

    /// The `source` section.
    public func source() throws(ConfigurationError) -> SourceSettings {
        try check { reader in SourceSettings(reading: &reader) } ?? SourceSettings(url: "")
    }

    /// `stateDir`, resolved against the configuration's folder.
    public func stateDirectory() throws(ConfigurationError) -> String {
        try check { reader in reader.string("stateDir").map { reader.resolve($0) } ?? "/var/lib/mooring" }
    }

    /// The clusters to keep in sync: the `targets` list, or one target from `cluster` and `policy`.
    public func targets() throws(ConfigurationError) -> [TargetSettings] {
        try check { reader in Self.readTargets(&reader) }
    }

    /// The targets with their folders and policies, without checking that the files named in their
    /// cluster sections exist: enough for `mooring validate --config` away from the ops host.
    public func targetPolicies() throws(ConfigurationError) -> [TargetSettings] {
        try check(checksFiles: false) { reader in Self.readTargets(&reader) }
    }

    /// `source.limits` alone (no other key of `source` is checked): for `mooring validate --config`.
    public func sourceLimits() throws(ConfigurationError) -> SourceLimits {
        try check(checksFiles: false) { reader in SourceLimits(reading: &reader) }
    }

    public func health() throws(ConfigurationError) -> HealthSettings {
        try check { reader in HealthSettings(reading: &reader) }
    }

    public func alerts() throws(ConfigurationError) -> AlertSettings {
        try check { reader in AlertSettings(reading: &reader) }
    }

    public func server() throws(ConfigurationError) -> ServerSettings {
        try check { reader in ServerSettings(reading: &reader) }
    }

    public func leaderElection() throws(ConfigurationError) -> LeaderElectionSettings {
        try check { reader in LeaderElectionSettings(reading: &reader) }
    }

    public func history() throws(ConfigurationError) -> HistorySettings {
        try check { reader in HistorySettings(reading: &reader) }
    }

    /// Every section, with all problems reported together.
    public func configuration() throws(ConfigurationError) -> MooringConfiguration {
        try check { reader in
            let source = SourceSettings(reading: &reader)
            let targets = Self.readTargets(&reader)
            let leaderElection = LeaderElectionSettings(reading: &reader)
            let inventory = InventorySettings(reading: &reader, leaderElection: leaderElection)
            let configuration = MooringConfiguration(
                file: path,
                source: source ?? SourceSettings(url: ""),
                targets: targets,
                health: HealthSettings(reading: &reader),
                alerts: AlertSettings(reading: &reader),
                server: ServerSettings(reading: &reader),
                leaderElection: leaderElection,
                history: HistorySettings(reading: &reader),
                inventory: inventory,
                analysis: AnalysisSettings(reading: &reader, inventory: inventory),
                stateDirectory: reader.string("stateDir").map { reader.resolve($0) } ?? "/var/lib/mooring"
            )
            return configuration
        }
    }

    private static func readTargets(_ reader: inout ConfigurationReader) -> [TargetSettings] {
        let hasTargets = reader.document.value["targets"].map { !$0.isNull } ?? false
        guard hasTargets else {
            let path = reader.string("source.path") ?? SourceSettings(url: "").path
            return [
                TargetSettings(
                    name: "default",
                    path: path,
                    cluster: ClusterSettings(reading: &reader, at: "cluster"),
                    policy: PolicySettings(reading: &reader, at: "policy")
                )
            ]
        }
        for key in ["cluster", "policy"] where reader.document.value[key] != nil {
            reader.report(FieldPath(stringLiteral: key), "cannot be combined with targets; give each target its own")
        }
        guard let elements = reader.document.value["targets"]?.arrayValue else {
            reader.report("targets", "must be a list of targets")
            return []
        }
        if elements.isEmpty { reader.report("targets", "must name at least one target") }
        var targets: [TargetSettings] = []
        for position in elements.indices {
            guard let target = TargetSettings(reading: &reader, at: FieldPath("targets").appending(index: position))
            else { continue }
            if targets.contains(where: { $0.name == target.name }) {
                reader.report(
                    FieldPath("targets").appending(index: position).appending("name"),
                    "duplicate target name"
                )
            }
            targets.append(target)
        }
        return targets
    }

    private func check<Value>(
        checksFiles: Bool = true,
        _ read: (inout ConfigurationReader) -> Value
    ) throws(ConfigurationError) -> Value {
        var reader = ConfigurationReader(document: document, baseDirectory: baseDirectory, checksFiles: checksFiles)
        let value = read(&reader)
        guard reader.problems.isEmpty else { throw ConfigurationError(file: path, problems: reader.problems) }
        return value
    }

    private struct ReadFailure: Error {
        var message: String
    }

    private static func readFile(_ path: String) throws(ReadFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ReadFailure(message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadFailure(message: "cannot be read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= 1 << 20 else { throw ReadFailure(message: "is larger than 1 MiB") }
        }
        return bytes
    }
}

import Manifests
import Sync

/// The host policy a deploy folder is checked against, shared by `mooring validate` and `mooring record`.
enum HostPolicy {
    /// No configuration: no host policy. With one, the policy of the target named by `target`, of the
    /// only target, or of the target whose folder is `folder`.
    static func load(config: String?, target: String?, folder: String) throws -> ValidationPolicy {
        guard let config else { return ValidationPolicy() }
        let targets: [TargetSettings]
        let limits: SourceLimits
        do {
            let file = try ConfigurationFile.load(config)
            targets = try file.targetPolicies()
            limits = try file.sourceLimits()
        } catch {
            throw CommandFailure.configuration(error)
        }
        let names = targets.map(\.name).joined(separator: ", ")
        if let target {
            guard let chosen = targets.first(where: { $0.name == target }) else {
                throw CommandFailure.runtime("\(config) has no target named \(target) (targets: \(names))", code: 2)
            }
            return chosen.policy.validationPolicy(limits: limits)
        }
        if targets.count == 1, let only = targets.first { return only.policy.validationPolicy(limits: limits) }
        let normalizedFolder = normalized(folder)
        let matches = targets.filter { candidate in
            let configured = normalized(candidate.path)
            return normalizedFolder == configured || normalizedFolder.hasSuffix("/" + configured)
        }
        guard matches.count == 1, let chosen = matches.first else {
            throw CommandFailure.runtime(
                "\(config) has several targets (\(names)) and none has the folder \(folder); choose one with --target",
                code: 2
            )
        }
        return chosen.policy.validationPolicy(limits: limits)
    }

    /// A folder path without `./` and trailing slashes, for comparing with a target's `path`.
    private static func normalized(_ path: String) -> String {
        var text = path
        while text.hasPrefix("./") { text.removeFirst(2) }
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

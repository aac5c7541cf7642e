import Foundation
import MooringCore

extension ApplyOutcome {
    /// Reads `kubectl apply -o name`: applied objects are printed as `kind.group/name` in input order, so they
    /// are matched to the inputs as a subsequence; each error goes to the refused object whose name it quotes,
    /// the rest to the remaining refused objects in order, the order kubectl reports them in.
    init(identities: [ObjectIdentity], output: KubectlOutput, dryRun: Bool) throws(ClusterError) {
        let printed = String(decoding: output.standardOutput, as: UTF8.self)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var next = printed.startIndex
        var refused: [Int] = []
        for (index, identity) in identities.enumerated() {
            if next < printed.endIndex, printed[next] == "\(identity.qualifiedKind.lowercased())/\(identity.name)" {
                next += 1
            } else {
                refused.append(index)
            }
        }
        let entries = output.errorEntries
        if output.succeeded, refused.isEmpty {
            self.init(results: identities.map { ApplyResult(object: $0) }, dryRun: dryRun)
            return
        }
        let whole = output.failure()
        let callFailed = [.unreachable, .unauthorized].contains(whole.code) || entries.count < refused.count
        if refused.count == identities.count, callFailed { throw whole }
        var errors: [Int: ClusterError] = [:]
        var unattributed: [String] = []
        for entry in entries {
            let candidates = refused.filter { errors[$0] == nil }.map { identities[$0] }
            if let object = KubectlOutput.mentionedObject(in: entry, among: candidates),
                let index = refused.first(where: { identities[$0] == object && errors[$0] == nil })
            {
                errors[index] = ClusterError(
                    kubectlError: entry,
                    command: output.command,
                    exitCode: output.exitCode,
                    object: object
                )
            } else {
                unattributed.append(entry)
            }
        }
        for index in refused where errors[index] == nil {
            let entry = unattributed.isEmpty ? whole.details : unattributed.removeFirst()
            errors[index] = ClusterError(
                kubectlError: entry,
                command: output.command,
                exitCode: output.exitCode,
                object: identities[index]
            )
        }
        self.init(
            results: identities.indices.map { ApplyResult(object: identities[$0], error: errors[$0]) },
            dryRun: dryRun
        )
    }
}

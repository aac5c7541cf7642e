import Cluster
import Foundation
import MooringCore
import TestSupport
import Testing

@Suite("nothing from a manifest reaches kubectl's argv as an option")
struct ArgvSafetyTests {
    /// Values a hostile manifest might carry; RBAC names may legally start with `-`.
    private static let hostile = ["--kubeconfig=/dev/null", "-n", "--server=http://evil", "-A"]

    @Test("every call Mooring makes puts manifest values in files or after --, never where a flag goes")
    func recordedArgv() async throws {
        // Records each argument on a line of its own, then fails so that every call returns at once.
        let kubectl = try ScriptedKubectl(
            #"for a in "$@"; do printf '%s\n' "$a" >> "$(dirname "$0")/argv"; done; echo END >> "$(dirname "$0")/argv"; exit 1"#
        )
        defer { kubectl.remove() }
        let client = ClusterClient(options: kubectl.options())
        let objects: [JSONValue] = Self.hostile.map { value in
            [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                "metadata": ["name": .string(value), "labels": ["app": .string(value)]],
            ]
        }
        let references = Self.hostile.map {
            ObjectReference(apiVersion: "v1", kind: "ConfigMap", namespace: $0, name: $0)
        }
        _ = try? await client.apply(objects)
        _ = try? await client.apply(objects, dryRun: true)
        _ = try? await client.get(references)
        _ = try? await client.delete(references)
        _ = try? await client.readiness(of: references)
        _ = try? await client.listManaged(kinds: Self.hostile.map { GroupKind(group: "", kind: $0) })
        let recorded = try String(contentsOfFile: kubectl.folder.path("argv"), encoding: .utf8)
        let calls = recorded.split(separator: "END\n").map { $0.split(separator: "\n").map(String.init) }
        #expect(calls.count >= 6)
        for call in calls {
            // Only what comes before `--` is read as options; every one of them is Mooring's own.
            let options = call.prefix { $0 != "--" }
            for argument in options {
                #expect(!Self.hostile.contains(argument) && !argument.contains("evil"), "\(argument) in \(call)")
            }
            for argument in options where argument.hasPrefix("-") {
                #expect(
                    Self.ownFlags.contains { argument == $0 || argument.hasPrefix($0 + "=") },
                    "\(argument) in \(call)"
                )
            }
        }
    }

    /// The flags Mooring passes to kubectl.
    private static let ownFlags = [
        "--kubeconfig", "--cache-dir", "--context", "--server-side", "--field-manager", "--force-conflicts",
        "--dry-run", "-f", "-o", "--show-managed-fields", "--ignore-not-found", "--wait", "--all-namespaces",
        "--selector",
    ]
}

import Cluster
import Foundation
import KubeSim
import Logging
import MooringCore
import TestSupport
import Testing

@testable import Sync

@Suite("Reading applied objects back")
struct ReadLiveTests {
    private static let count = 120

    private static func configMap(_ index: Int) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": [
                "name": .string("cm-\(index)"), "namespace": "bench",
                "labels": ["app.kubernetes.io/managed-by": "mooring"],
            ],
            "data": ["index": .string("\(index)")],
        ]
    }

    /// Applies `count` labelled ConfigMaps, then reads `references` (of `desired`) back and
    /// returns what it read and the API requests that named ConfigMaps.
    private func read(
        _ references: (_ desired: [Resource]) -> [ObjectReference],
        unlabel: String? = nil
    ) async throws -> (live: [JSONValue], requests: [String]) {
        try await withKubeSim { harness in
            try await withTemporaryDirectory { directory in
                let desired = (0..<Self.count).map { Resource(object: Self.configMap($0)) }
                let manifest =
                    ([["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "bench"]]] + desired.map(\.object))
                    .map { $0.serialized() }.joined(separator: "\n")
                try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: manifest)
                if let unlabel {
                    try await harness.kubectlOK([
                        "label", "configmap", unlabel, "-n", "bench", "app.kubernetes.io/managed-by-",
                    ])
                }
                let file = directory.appendingPathComponent("mooring.yaml").path
                try """
                source: {url: \(directory.path)/repo}
                cluster: {kubeconfig: \(harness.sim.kubeconfigPath)}
                stateDir: \(directory.path)/state
                """.write(toFile: file, atomically: true, encoding: .utf8)
                let configuration = try MooringConfiguration.load(from: file)
                let cluster = ClusterClient(options: configuration.kubectlOptions(for: configuration.targets[0]))
                harness.sim.resetRequests()
                let live = try await AppliedObjectRead(cluster: cluster).run(references(desired), desired: desired)
                let requests = harness.sim.requests().filter { $0.method == "GET" && $0.path.contains("/configmaps") }
                return (live, requests.map(\.path))
            }
        }
    }

    @Test("most of the desired objects are read with one list; one that lost its label is read alone")
    func readsByList() async throws {
        let gone = ObjectReference(apiVersion: "v1", kind: "ConfigMap", namespace: "bench", name: "gone")
        let (live, requests) = try await read(
            { $0.compactMap { ObjectReference(object: $0.object) } + [gone] },
            unlabel: "cm-7"
        )
        #expect(live.count == Self.count)
        #expect(
            Set(live.map { Resource(object: $0).identity })
                == Set((0..<Self.count).map { Resource(object: Self.configMap($0)).identity })
        )
        #expect(requests.filter { $0.hasSuffix("/configmaps") }.count == 1)
        #expect(
            Set(requests.filter { !$0.hasSuffix("/configmaps") }) == [
                "/api/v1/namespaces/bench/configmaps/cm-7", "/api/v1/namespaces/bench/configmaps/gone",
            ]
        )
    }

    @Test("a few objects are read one by one, without listing everything Mooring manages")
    func readsFewOneByOne() async throws {
        let (live, requests) = try await read { Array($0.prefix(3)).compactMap { ObjectReference(object: $0.object) } }
        #expect(live.count == 3)
        #expect(requests.count == 3)
        #expect(!requests.contains { $0.hasSuffix("/configmaps") })
    }
}

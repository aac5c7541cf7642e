import Foundation
import KubeSim
import MooringCore
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("KubeSim: Leases as a lock")
struct LeaseLockTests {
    static func lease(holder: String, resourceVersion: String? = nil, namespace: String = "ops") -> String {
        let version = resourceVersion.map { ", resourceVersion: \"\($0)\"" } ?? ""
        return """
            apiVersion: coordination.k8s.io/v1
            kind: Lease
            metadata: {name: mooring, namespace: \(namespace)\(version)}
            spec: {holderIdentity: \(holder), leaseDurationSeconds: 15}
            """
    }

    @Test(
        "a Lease is replaced only at the resourceVersion it was read at, never unconditionally, as a real server does"
    )
    func optimisticConcurrency() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(
                ["apply", "--server-side", "-f", "-"],
                input: "apiVersion: v1\nkind: Namespace\nmetadata: {name: ops}\n"
            )
            try await harness.kubectlOK(["create", "-f", "-"], input: Self.lease(holder: "host-a"))
            let version = try #require(
                try await harness.getJSON(["lease", "mooring", "-n", "ops"])["metadata"]?["resourceVersion"]?
                    .stringValue
            )

            // kubectl replace fills in the current resourceVersion by itself: a client that does not is refused.
            let path = "/apis/coordination.k8s.io/v1/namespaces/ops/leases/mooring"
            var request = URLRequest(url: try #require(URL(string: harness.sim.baseURL + path)))
            request.httpMethod = "PUT"
            request.setValue("Bearer kubesim-admin-token", forHTTPHeaderField: "Authorization")
            request.setValue("application/yaml", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(Self.lease(holder: "host-b").utf8)
            let (data, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 422)
            let status = try JSONValue.parse(Array(data))
            #expect(status["reason"] == "Invalid")
            #expect(status["message"]?.stringValue?.contains("metadata.resourceVersion") == true, "\(status)")
            #expect(status["message"]?.stringValue?.contains("must be specified for an update") == true)

            let current = Self.lease(holder: "host-b", resourceVersion: version)
            try await harness.kubectlOK(["replace", "-f", "-"], input: current)
            let stale = try await harness.kubectl(
                ["replace", "-f", "-"],
                input: Self.lease(holder: "host-c", resourceVersion: version)
            )
            #expect(stale.status != 0)
            #expect(stale.stderr.contains("(Conflict)"), "\(stale.stderr)")
            #expect(
                try await harness.getJSON(["lease", "mooring", "-n", "ops"])["spec"]?["holderIdentity"] == "host-b"
            )

            let again = try await harness.kubectl(["create", "-f", "-"], input: Self.lease(holder: "host-c"))
            #expect(again.stderr.contains("(AlreadyExists)"), "\(again.stderr)")
            let nowhere = try await harness.kubectl(
                ["create", "-f", "-"],
                input: Self.lease(holder: "host-c", namespace: "nowhere")
            )
            #expect(nowhere.stderr.contains("namespaces \"nowhere\" not found"), "\(nowhere.stderr)")
        }
    }
}

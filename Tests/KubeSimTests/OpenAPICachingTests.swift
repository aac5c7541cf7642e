import Foundation
import KubeSim
import MooringCore
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `/openapi/v3` is cached as kube-openapi's handler lets clients cache it: the index by entity tag, each group
/// version's document for good at the URL naming its hash. kubectl reads both for every apply.
@Suite("KubeSim: OpenAPI v3 caching")
struct OpenAPICachingTests {
    @Test("kubectl reads a group version's document once; later applies revalidate only the index (304)")
    func kubectlCachesDocuments() async throws {
        try await withKubeSim { harness in
            let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\ndata: {k: v}\n"
            for round in 1...2 {
                try await harness.kubectlOK(
                    ["apply", "--server-side", "--field-manager=test", "-f", "-"],
                    input: manifest.replacingOccurrences(of: "k: v", with: "k: v\(round)")
                )
            }
            let reads = harness.sim.requests().filter { $0.path.hasPrefix("/openapi/v3") }
            let documents = reads.filter { $0.path == "/openapi/v3/api/v1" }
            #expect(documents.map(\.status) == [200], "\(reads.map { "\($0.path) \($0.status)" })")
            #expect(reads.filter { $0.path == "/openapi/v3" }.map(\.status) == [200, 304])
        }
    }

    @Test("a document at its hash is public and immutable; an outdated hash is sent to the current one")
    func hashedDocuments() async throws {
        try await withKubeSim { harness in
            let (indexData, index) = try await Self.get(harness.sim, "/openapi/v3")
            let tag = try #require(index.value(forHTTPHeaderField: "ETag"))
            let paths = try JSONValue.parse(Array(indexData))["paths"]
            let current = try #require(paths?["api/v1"]?["serverRelativeURL"]?.stringValue)
            #expect(current.hasPrefix("/openapi/v3/api/v1?hash="))
            #expect(try await Self.get(harness.sim, "/openapi/v3", ifNoneMatch: tag).response.statusCode == 304)

            let (document, hashed) = try await Self.get(harness.sim, current)
            #expect(hashed.statusCode == 200)
            #expect(hashed.value(forHTTPHeaderField: "Cache-Control") == "public, immutable")
            #expect(hashed.value(forHTTPHeaderField: "Expires") != nil)
            #expect(hashed.value(forHTTPHeaderField: "ETag") == "\"\(current.split(separator: "=").last ?? "")\"")
            #expect(try JSONValue.parse(Array(document))["openapi"]?.stringValue == "3.0.0")

            // URLSession follows the redirect: the answer comes from the current URL.
            let (_, outdated) = try await Self.get(harness.sim, "/openapi/v3/api/v1?hash=0123456789ABCDEF")
            #expect(outdated.statusCode == 200)
            #expect(outdated.url?.absoluteString == harness.sim.baseURL + current)
            let unknown = try await Self.get(harness.sim, "/openapi/v3/apis/nothing.example/v1")
            #expect(unknown.response.statusCode == 404)
        }
    }

    private static func get(
        _ sim: KubeSim,
        _ pathAndQuery: String,
        ifNoneMatch: String? = nil
    ) async throws -> (data: Data, response: HTTPURLResponse) {
        var request = URLRequest(url: try #require(URL(string: sim.baseURL + pathAndQuery)))
        request.setValue("Bearer kubesim-admin-token", forHTTPHeaderField: "Authorization")
        request.cachePolicy = .reloadIgnoringLocalCacheData
        if let ifNoneMatch { request.setValue(ifNoneMatch, forHTTPHeaderField: "If-None-Match") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, try #require(response as? HTTPURLResponse))
    }
}

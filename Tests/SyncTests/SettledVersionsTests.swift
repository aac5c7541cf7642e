import Cluster
import MooringCore
import Testing

@testable import Sync

/// Which settled resourceVersions a sync records for what it applied.
@Suite("Settled versions")
struct SettledVersionsTests {
    static func live(_ resource: Resource, version: String?) -> JSONValue {
        var object = resource.object
        if let version { object["metadata"]?["resourceVersion"] = .string(version) }
        return object
    }

    @Test("only the applied objects not read already are read again")
    func unread() {
        let (configMap, deployment) = (WriteStageFixtures.configMap, WriteStageFixtures.deployment)
        let known = [Self.live(deployment, version: "7")]
        #expect(SettledVersions.unread([configMap, deployment], known: known).map(\.identity) == [configMap.identity])
        #expect(SettledVersions.unread([deployment], known: known).isEmpty)
    }

    @Test("each object read with a resourceVersion is recorded at it; one without is left to verify")
    func versions() {
        let (configMap, deployment) = (WriteStageFixtures.configMap, WriteStageFixtures.deployment)
        let versions = SettledVersions.versions(in: [
            Self.live(configMap, version: "3"), Self.live(deployment, version: nil),
        ])
        #expect(versions == [configMap.identity: "3"])
    }
}

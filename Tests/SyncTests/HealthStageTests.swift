import Cluster
import MooringCore
import Testing

@testable import Sync

/// What each poll of the health stage reads.
@Suite("Health stage")
struct HealthStageTests {
    typealias F = WriteStageFixtures

    @Test("a poll reads the watched objects first, then each other applied object once")
    func references() {
        let check = HealthCheck([F.configMap, F.deployment])
        let read = HealthStage.references(check, alsoReading: [F.deployment, F.configMap, F.crd])
        #expect(read.map(\.identity) == [F.deployment.identity, F.configMap.identity, F.crd.identity])
        #expect(HealthStage.references(check, alsoReading: []).map(\.identity) == [F.deployment.identity])
    }
}

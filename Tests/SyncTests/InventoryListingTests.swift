import MooringCore
import Testing

@testable import Sync

/// What the cluster's inventory lists before the applies and once the sync is recorded.
@Suite("Inventory listing")
struct InventoryListingTests {
    static let (a, b, c, d) = (
        WriteStageFixtures.configMap.identity, WriteStageFixtures.deployment.identity, WriteStageFixtures.crd.identity,
        WriteStageFixtures.resource("Secret", "token").identity
    )

    @Test("before applying, the inventory lists what is owned, what was adopted and everything about to be applied")
    func beforeApply() {
        #expect(
            InventoryListing.beforeApply(owned: [Self.a], adopted: [Self.b], applying: [Self.c]) == [
                Self.a, Self.b, Self.c,
            ]
        )
        #expect(InventoryListing.beforeApply(owned: [], adopted: [], applying: []).isEmpty)
    }

    @Test("after the sync, an adopted object stays listed while it is desired or live, and not once pruned")
    func afterSync() {
        let listed = InventoryListing.afterSync(
            owned: [Self.a],
            adopted: [Self.b, Self.c, Self.d],
            pruned: [Self.c],
            desired: [Self.a, Self.b, Self.c],
            stillLive: [Self.c]
        )
        #expect(listed == [Self.a, Self.b])
        let live = InventoryListing.afterSync(
            owned: [],
            adopted: [Self.d],
            pruned: [],
            desired: [],
            stillLive: [Self.d]
        )
        #expect(live == [Self.d])
    }
}

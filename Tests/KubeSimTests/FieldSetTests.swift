import MooringCore
import Testing

@testable import KubeSim

@Suite("field sets as managedFields records them")
struct FieldSetTests {
    @Test("a status written for the first time is owned field by field, keyed list elements marked")
    func firstStatusWrite() {
        let old: JSONValue = ["status": nil]
        let new: JSONValue = [
            "status": ["observedGeneration": 1, "conditions": [["type": "Available", "status": "True"]]]
        ]
        let (changed, _) = FieldSet.changes(from: old, to: new, schema: .named("V1Deployment"))
        let fields = changed.fieldsV1
        #expect(fields["f:status"]?["f:observedGeneration"] == [:])
        #expect(fields["f:status"]?["f:conditions"]?["k:{\"type\":\"Available\"}"]?["."] == [:])
    }

    @Test("fieldsV1 round-trips, with '.' only where a member has children")
    func roundTrip() {
        let value: JSONValue = ["f:spec": ["f:containers": ["k:{\"name\":\"app\"}": [".": [:], "f:image": [:]]]]]
        #expect(FieldSet(fieldsV1: value).fieldsV1 == value)
    }
}

import Manifests
import MooringCore
import Reconciler
import Testing

@Suite("Field-level object diff")
struct ObjectDiffTests {
    @Test("lists of named objects are matched by name, not position")
    func namedLists() {
        let before: JSONValue = ["env": [["name": "A", "value": "1"], ["name": "B", "value": "2"]]]
        let after: JSONValue = [
            "env": [["name": "B", "value": "3"], ["name": "A", "value": "1"], ["name": "C", "value": "4"]]
        ]
        let changes = ObjectDiff.changes(from: before, to: after)
        #expect(changes.map(\.path.description) == ["env[name=B].value", "env[name=C]"])
        #expect(changes.first?.before == "2")
        #expect(changes.first?.after == "3")
    }

    @Test("plain lists of different length change as a whole; same length by position")
    func plainLists() {
        #expect(
            ObjectDiff.changes(from: ["args": ["a"]], to: ["args": ["a", "b"]]).map(\.path.description) == ["args"]
        )
        #expect(
            ObjectDiff.changes(from: ["args": ["a", "b"]], to: ["args": ["a", "c"]]).map(\.path.description) == [
                "args[1]"
            ]
        )
    }

    @Test("an integer and the same float are not a change")
    func numbers() {
        #expect(ObjectDiff.changes(from: ["cpu": 2], to: ["cpu": 2.0]).isEmpty)
    }
}

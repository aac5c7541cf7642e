import MooringCore
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test("parsing and serializing round-trips, with keys sorted")
    func roundTrip() throws {
        let text = #"{"b":[1,2.5,"x\n\"y\"",true,null],"a":{"c":-3,"d":"é\u00e9"}}"#
        let value = try JSONValue.parse(text)
        #expect(value.serialized() == #"{"a":{"c":-3,"d":"éé"},"b":[1,2.5,"x\n\"y\"",true,null]}"#)
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test("integers and integral floats compare and hash alike")
    func numericEquality() {
        #expect(JSONValue.int(3) == .double(3.0))
        #expect(JSONValue.int(3) != .double(3.5))
        #expect(Set<JSONValue>([.int(3), .double(3.0)]).count == 1)
    }

    @Test(
        "malformed JSON reports line and column",
        arguments: [
            ("{\n  \"a\": tru\n}", 2),
            ("[1, 2,,]", 1),
            ("{\"a\": 1} x", 1),
            ("\"\\ud800\"", 1),
        ]
    )
    func malformed(text: String, line: Int) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.line == line)
        }
    }

    @Test("nesting beyond the limit is refused, not overflowed")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test("field paths read, write and print like Kubernetes paths")
    func fieldPaths() {
        var value: JSONValue = ["spec": ["containers": [["name": "server", "image": "a:1"]]]]
        let path = FieldPath([.key("spec"), .key("containers"), .match(field: "name", value: "server"), .key("image")])
        #expect(value[path: path] == "a:1")
        let setImage = value.set("a:2", at: path)
        #expect(setImage)
        #expect(value[path: path] == "a:2")
        #expect(path.description == "spec.containers[name=server].image")
        #expect(
            FieldPath([.key("metadata"), .key("labels"), .key("app.kubernetes.io/name")]).description
                == #"metadata.labels["app.kubernetes.io/name"]"#
        )
        let removed = value.set(nil, at: path)
        #expect(removed)
        #expect(value[path: path] == nil)
    }
}

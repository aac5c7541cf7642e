import Foundation
import MooringCore
import Testing

@Suite("JSON values in Codable types")
struct JSONValueCodableTests {
    /// `.int(1) == .double(1.0)` and `.bool` never equals a number, so compare the serialized text too.
    @Test(
        "every kind of value keeps its type through JSONEncoder and JSONDecoder",
        arguments: [
            #"null"#, #"true"#, #"false"#, #"0"#, #"-42"#, #"2.5"#, #"1e+300"#, #""true""#, #""1""#, #""""#,
            #"[]"#, #"{}"#, #"[1,"1",true,null,1.5,[],{}]"#,
            #"{"a":{"b":[{"c":true,"d":3,"e":"x"}]},"f":null,"g":0.25}"#,
        ]
    )
    func roundTrip(text: String) throws {
        let value = try JSONValue.parse(text)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(decoded == value)
        #expect(decoded.serialized() == value.serialized())
    }

    @Test("the stable hash is FNV-1a 64 whatever sequence holds the bytes")
    func stableHash() {
        #expect(StableHash.hex(of: "") == "cbf29ce484222325")
        #expect(StableHash.hex(of: "a") == "af63dc4c8601ec8c")
        let bytes = Array("mooring".utf8)
        #expect(StableHash.hex(of: bytes) == StableHash.hex(of: "mooring"))
        #expect(StableHash.hex(of: bytes.lazy.map { $0 }) == StableHash.hex(of: bytes))
        #expect(StableHash.hex(of: bytes[1...]) == StableHash.hex(of: "ooring"))
    }
}

import MooringCore
import Testing

@Suite("YAML reader")
struct YAMLReaderTests {
    @Test("multi-document streams keep document indexes and field lines")
    func documentsAndLines() throws {
        let text = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: one
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: two}
            """
        let documents = try YAMLReader.documents(in: text)
        #expect(documents.count == 3)
        #expect(documents[0].value["metadata"]?["name"] == "one")
        #expect(documents[0].line(of: "metadata.name") == 4)
        #expect(documents[1].value == .null)
        #expect(documents[2].value["kind"] == "Namespace")
        #expect(documents[2].line(of: "metadata.name") == 10)
    }

    @Test(
        "scalars resolve as kubectl resolves them (go-yaml v2)",
        arguments: [
            ("yes", JSONValue.bool(true)), ("off", .bool(false)), ("y", .bool(true)), ("'yes'", .string("yes")),
            ("0x1F", .int(31)), ("0755", .int(493)), ("1_000", .int(1000)), ("1.5e3", .double(1500)),
            ("~", .null), ("2026-05-01", .string("2026-05-01")), ("190:20:30", .string("190:20:30")),
            ("\"12\"", .string("12")), ("!!str 12", .string("12")), ("4Gi", .string("4Gi")), ("-.5", .double(-0.5)),
        ]
    )
    func scalars(text: String, expected: JSONValue) throws {
        let documents = try YAMLReader.documents(in: "value: \(text)")
        #expect(documents.first?.value["value"] == expected)
    }

    @Test("merge keys fill in what the mapping does not set")
    func mergeKeys() throws {
        let text = """
            base: &base {a: 1, b: 2}
            derived:
              <<: *base
              b: 3
            """
        let value = try #require(try YAMLReader.documents(in: text).first?.value)
        #expect(value["derived"] == ["a": 1, "b": 3])
    }

    @Test("an alias bomb is refused by the expansion budget, before it expands")
    func billionLaughs() throws {
        let text = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """
        // Refused by the budget, so the work is bounded; the time it takes is in benchmarks/README.md.
        let error = #expect(throws: YAMLError.self) { try YAMLReader.documents(in: text) }
        #expect(error?.code == .tooManyNodes)
    }

    @Test("an alias to a large tree used as a key is refused before Yams hashes it")
    func aliasAsKey() throws {
        var text = "a0: &a0 [x, x]\n"
        for level in 1...40 { text += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n" }
        text += "? *a40\n: boom\n"
        do {
            _ = try YAMLReader.documents(in: text)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .unsupported)
        }
    }

    @Test("deep nesting is refused without overflowing the stack")
    func deepNesting() throws {
        let flow = "a: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        #expect(throws: YAMLError.self) { try YAMLReader.documents(in: flow) }
        let block = String(repeating: "- ", count: 50_000) + "x"
        #expect(throws: YAMLError.self) { try YAMLReader.documents(in: block) }
    }

    @Test("syntax errors name the line and never quote the document")
    func syntaxError() throws {
        let text = "kind: Secret\nstringData:\n  password: hunter2\n  bad: [unclosed\n"
        do {
            _ = try YAMLReader.documents(in: text)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.line >= 4)
            #expect(!error.message.contains("hunter2"))
        }
    }
}

import MooringCore
import Testing

@Suite("YAML reader limits hold however the input is arranged")
struct YAMLReaderLimitsTests {
    /// `levels` anchors, each a list of `width` aliases to the one before: expands to about width^levels nodes.
    private func aliasTree(levels: Int, width: Int, prefix: String = "a") -> String {
        var text = "\(prefix)0: &\(prefix)0 [" + Array(repeating: "x", count: width).joined(separator: ", ") + "]\n"
        for level in 1...levels {
            let previous = "*\(prefix)\(level - 1)"
            text +=
                "\(prefix)\(level): &\(prefix)\(level) ["
                + Array(repeating: previous, count: width).joined(separator: ", ") + "]\n"
        }
        return text
    }

    private func refusal(_ text: String, limits: YAMLLimits = YAMLLimits()) -> YAMLError? {
        do {
            _ = try YAMLReader.documents(in: text, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test("an alias used as a key at the start of a line is refused before Yams hashes it")
    func aliasKeyAtLineStart() {
        var text = "a0: &a0 [x, x]\n"
        for level in 1...40 { text += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n" }
        text += "*a40 : boom\n"
        #expect(refusal(text)?.code == .unsupported)
    }

    @Test("a bomb hidden behind megabytes of padding is refused: alias expansion has its own budget")
    func paddedBomb() {
        let padding = String(repeating: "# padding padding padding padding padding padding padding\n", count: 40_000)
        let error = refusal(padding + aliasTree(levels: 8, width: 9))
        #expect(error?.code == .tooManyNodes)
        #expect(error?.line ?? 0 > 40_000)
    }

    @Test("a bomb spread over many small documents is refused: the budget is shared by the stream")
    func bombOverManyDocuments() {
        let document = aliasTree(levels: 1, width: 10)  // about 110 expanded nodes
        let limits = YAMLLimits(maxAliasExpansion: 1_000)
        #expect(refusal(document, limits: limits) == nil)
        let stream = Array(repeating: document, count: 20).joined(separator: "---\n")
        let error = refusal(stream, limits: limits)
        #expect(error?.code == .tooManyNodes)
        #expect((error?.document ?? 0) > 0)
    }

    @Test("aliases within the budget still expand, and a large plain document is not limited by it")
    func legitimateInput() throws {
        let merged = """
            defaults: &defaults {cpu: "1", memory: 1Gi}
            small: {<<: *defaults}
            large: {<<: *defaults, memory: 4Gi}
            """
        let value = try #require(try YAMLReader.documents(in: merged).first?.value)
        #expect(value["large"] == ["cpu": "1", "memory": "4Gi"])
        let plain = "items: [" + Array(repeating: "1", count: 50_000).joined(separator: ",") + "]\n"
        let documents = try YAMLReader.documents(in: plain, limits: YAMLLimits(maxAliasExpansion: 10))
        #expect(documents.first?.value["items"]?.arrayValue?.count == 50_000)
    }

    @Test("a field reached through an alias reports the line of the alias")
    func aliasLines() throws {
        let text = """
            base: &base
              image: server:1
            containers:
              - *base
            """
        let document = try #require(try YAMLReader.documents(in: text).first)
        #expect(document.line(of: FieldPath([.key("containers"), .index(0), .key("image")])) == 4)
        #expect(document.line(of: "base.image") == 2)
    }

    @Test("comments and quoted keys at the start of a line are not read as YAML by the pre-scan")
    func lineStartTokens() throws {
        let text = "a: 1\n#" + String(repeating: "[", count: 300) + " *alias : x\n\"b\": \"[[[\"\n"
        let value = try #require(try YAMLReader.documents(in: text).first?.value)
        #expect(value == ["a": 1, "b": "[[["])
    }
}

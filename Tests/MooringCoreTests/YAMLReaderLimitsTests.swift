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

@Suite("An alias is seen as a key wherever libyaml makes it one")
struct YAMLAliasKeyTests {
    /// 40 levels of anchors, each a pair of aliases to the one before: hashing `*a40` never finishes.
    private static let tree: String = {
        var text = "a0: &a0 [x, x]\n"
        for level in 1...40 { text += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n" }
        return text
    }()

    @Test(
        "an alias to a huge tree in any key position is refused before composition, naming the line",
        arguments: [
            "k: {*a40: v}\n",  // flow key, no space before the colon
            "k: {*a40 : v}\n",
            "k: {*a40}\n",  // a flow entry without a value is a key
            "k: {x: 1, *a40}\n",
            "k: {x: 1,\n  *a40: v}\n",
            "k: [*a40: v]\n",  // a single-pair mapping in a flow sequence
            "*a40: v\n",  // block key without a space
            "k:\n  *a40 : v\n",
            "? *a40\n: v\n",  // complex key
            "k: {? *a40 : v}\n",
            "k: [[*a40]: v]\n",  // a collection holding the alias, as a key
            "k: {[*a40]}\n",
            "k: {{x: *a40}: v}\n",
            "k: it's\n*a40: v\n",  // a quote inside a plain scalar hides nothing
            "k: x 'y\n*a40: v\n",
            "k: a\"b\n*a40: v\n",
            "k: x #'\n*a40: v\n",  // nor does a quote in a comment
            "k: |\n  '\n*a40: v\n",  // nor one in a block scalar
            "- x: it's\n  *a40: v\n",
        ]
    )
    func aliasKeys(tail: String) {
        let start = ContinuousClock.now
        let lines = Self.tree.split(separator: "\n").count
        do {
            _ = try YAMLReader.documents(in: Self.tree + tail)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.line > lines)
        }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test(
        "aliases as values, in flow lists and merge keys, still read",
        arguments: [
            "k: {v: *a2}\n", "k: [*a2, *a2]\n", "k: {<<: *m, y: 2}\n", "k:\n- *a2\n- {x: *a2}\n",
            "k: {x: *a2, y: *a2}\n",
            "k: 'it''s'\nz: *a2\n", "k: \"*a2: v\"\n",
        ]
    )
    func aliasValues(tail: String) throws {
        let text = "m: &m {x: 1}\na0: &a0 [x, x]\na1: &a1 [*a0, *a0]\na2: &a2 [*a1, *a1]\n" + tail
        #expect(throws: Never.self) { try YAMLReader.documents(in: text) }
    }

    @Test("a quote or comment marker inside a plain scalar does not hide nesting from the depth limit")
    func hiddenNesting() {
        for prefix in ["k: it's\n", "k: x 'y\n", "k: a#b\n", "k: x \"y\n"] {
            let text = prefix + "n: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
            let error = #expect(throws: YAMLError.self) { try YAMLReader.documents(in: text) }
            #expect(error?.code == .tooDeep)
        }
    }
}

@Suite("text from git and the cluster cannot steer a terminal")
struct PrintableTextTests {
    @Test("control characters, C1 and bidirectional controls are escaped; plain text is unchanged")
    func escaping() {
        #expect("fix: \u{1B}]0;owned\u{07}title\r\n".escapingControlCharacters == #"fix: \u{1B}]0;owned\u{7}title\r\n"#)
        #expect("a\u{202E}b\u{9B}c\u{7F}".escapingControlCharacters == #"a\u{202E}b\u{9B}c\u{7F}"#)
        #expect("plain — ünïcode ✓".escapingControlCharacters == "plain — ünïcode ✓")
        #expect("one\u{1B}\ntwo".escapingControlCharactersKeepingLines == "one\\u{1B}\ntwo")
        #expect("say \"hi\"\u{1B}".quotedForDisplay == #""say \"hi\"\u{1B}""#)
    }
}

import Manifests
import Testing

@Suite("the promotion edit changes the stable line and removes the canary, nothing else")
struct PromotionEditTests {
    static let blockStyle = """
        # What serves fraud-detector.
        apiVersion: mooring.dev/v1
        kind: ModelDeployment
        metadata:
          name: fraud-detector
        spec:
          target: kserve
          stable: "12"   # the version everyone gets
          canary:
            version: "13"

            traffic: 10    # percent
          # gates guard every version
          gates:
            - {metric: auc, min: 0.9}
        """

    @Test("a block-style canary is removed with its lines; comments and the rest stay")
    func blockCanary() throws {
        let result = try PromotionEdit(text: Self.blockStyle, documentLine: 1).promoting("13")
        #expect(
            result.text == """
                # What serves fraud-detector.
                apiVersion: mooring.dev/v1
                kind: ModelDeployment
                metadata:
                  name: fraud-detector
                spec:
                  target: kserve
                  stable: "13"   # the version everyone gets
                  # gates guard every version
                  gates:
                    - {metric: auc, min: 0.9}
                """
        )
        #expect(result.stableLine.number == 8)
        #expect(result.stableLine.before == #"  stable: "12"   # the version everyone gets"#)
        #expect(result.removedCanary.first == 9)
        #expect(result.removedCanary.lines.count == 4)
    }

    @Test("a flow-style canary on one line, in the second document of a file, with 4-space indentation")
    func flowCanarySecondDocument() throws {
        let text = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: ml-prod}
            ---
            apiVersion: mooring.dev/v1
            kind: ModelDeployment
            metadata: {name: churn}
            spec:
                canary: {version: "8", traffic: 5}
                stable: '7'
                target: deployment
            """
        let result = try PromotionEdit(text: text, documentLine: 5).promoting("8")
        #expect(result.text.hasSuffix("spec:\n    stable: \"8\"\n    target: deployment"))
        #expect(result.text.hasPrefix("apiVersion: v1\nkind: Namespace\n"))
        #expect(result.stableLine.number == 10 && result.stableLine.after == #"    stable: "8""#)
        #expect(result.removedCanary.first == 9 && result.removedCanary.lines.count == 1)
    }

    @Test("keys that only look alike (canaryNotes, a nested canary) are left alone")
    func lookalikeKeys() throws {
        let text = """
            spec:
              canaryNotes: keep
              replicas:
                canary: 1
              stable: "1"
              canary:
                version: "2"
                traffic: 50
            """
        let result = try PromotionEdit(text: text, documentLine: 1).promoting("2")
        #expect(result.text == "spec:\n  canaryNotes: keep\n  replicas:\n    canary: 1\n  stable: \"2\"")
    }

    @Test("a spec in flow style, or without a canary, is refused with the line")
    func refusals() {
        #expect(throws: PromotionEdit.Failure.self) {
            try PromotionEdit(text: "spec: {stable: \"1\", canary: {version: \"2\", traffic: 1}}", documentLine: 1)
                .promoting("2")
        }
        do {
            _ = try PromotionEdit(text: "spec:\n  stable: \"1\"\n", documentLine: 1).promoting("2")
            Issue.record("a model without a canary was promoted")
        } catch {
            #expect(error.description.contains("no `canary:`"))
        }
    }
}

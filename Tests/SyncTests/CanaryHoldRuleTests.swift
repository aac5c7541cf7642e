import Manifests
import MooringCore
import Testing

@testable import Sync

/// The holds stage's rule on values: which aborted canaries apply to a desired state, and what holding them does.
@Suite("Canary holds on values")
struct CanaryHoldRuleTests {
    /// churn on `target: deployment`, stable 7 and canary 8 judged by an analysis (`analysed`).
    static func model(analysed: Bool = true) -> ModelSummary {
        ModelSummary(
            name: "churn",
            namespace: "ml",
            target: .deployment,
            stable: "7",
            canary: ModelDeployment.Canary(version: "8", traffic: 34),
            drift: nil,
            objects: [],
            versions: [],
            source: SourceLocation(file: "models/churn/deployment.yaml"),
            analysis: analysed
                ? CanaryAnalysis(checks: [MetricCheck(name: "e", query: QueryTemplate("q"), max: 1)]) : nil
        )
    }

    static func deployment(_ name: String, replicas: Int, canaryOf version: String? = nil) -> Resource {
        var labels: [String: JSONValue] = [:]
        if let version {
            labels[ObjectLabels.version] = .string(version)
            labels[MooringMetadata.trackLabel] = "canary"
        }
        return Resource(
            object: .object([
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": .object(["name": .string(name), "namespace": "ml", "labels": .object(labels)]),
                "spec": .object(["replicas": .int(replicas)]),
            ])
        )
    }

    static let resources = [deployment("churn", replicas: 2), deployment("churn-canary", replicas: 1, canaryOf: "8")]

    static func replicas(_ resources: [Resource]) -> [String: Int?] {
        Dictionary(uniqueKeysWithValues: resources.map { ($0.name, $0.object["spec"]?["replicas"]?.intValue) })
    }

    @Test("a hold of the ModelDeployment as aborted takes the canary's replicas to the stable Deployment")
    func holdsUnchangedModel() {
        let model = Self.model()
        let rule = CanaryHoldRule(resources: Self.resources, models: [model], isFallback: false)
        let hold = CanaryHold(namespace: "ml", model: "churn", version: "8", fingerprint: model.guardrailFingerprint)
        #expect(rule.mayHoldCanaries)
        #expect(rule.applying([hold]) == [hold])
        #expect(Self.replicas(rule.holding([hold])) == ["churn": 3, "churn-canary": 0])
    }

    @Test("a hold is released once the ModelDeployment changes in git; a fallback state matches by version alone")
    func releasedOnChange() {
        let stale = CanaryHold(namespace: "ml", model: "churn", version: "8", fingerprint: "before-the-change")
        let rule = CanaryHoldRule(resources: Self.resources, models: [Self.model()], isFallback: false)
        #expect(rule.applying([stale]).isEmpty)
        #expect(Self.replicas(rule.holding([stale])) == ["churn": 2, "churn-canary": 1])

        let fallback = CanaryHoldRule(resources: Self.resources, models: [], isFallback: true)
        #expect(fallback.mayHoldCanaries)
        #expect(Self.replicas(fallback.holding([stale])) == ["churn": 3, "churn-canary": 0])
    }

    @Test("without an analysis judging a canary, nothing may be held and the holds are not read")
    func nothingToHold() {
        let rule = CanaryHoldRule(resources: Self.resources, models: [Self.model(analysed: false)], isFallback: false)
        #expect(!rule.mayHoldCanaries)
    }
}

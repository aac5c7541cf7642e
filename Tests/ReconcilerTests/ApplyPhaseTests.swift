import MooringCore
import Reconciler
import Testing

/// The order a sync applies objects in.
@Suite("Apply order")
struct ApplyPhaseTests {
    @Test("phases in order — foundations, configuration, workloads, models —, each by kind order, then identity")
    func order() {
        let service = Resource(object: [
            "apiVersion": "v1", "kind": "Service", "metadata": ["name": "api", "namespace": "ml-prod"],
        ])
        let resources = [
            Fixtures.deployment("b-served", model: "fraud"), Fixtures.deployment("web"), Fixtures.configMap("z"),
            service, Fixtures.configMap("a"), Fixtures.namespace("ml-prod"),
            Fixtures.deployment("a-served", model: "churn"),
        ]
        let ordered = ApplyPhase.ordered(resources)
        #expect(ordered.map(\.phase) == [.foundations, .configuration, .workloads, .models])
        #expect(
            ordered.flatMap(\.resources).map { "\($0.kind)/\($0.name)" } == [
                "Namespace/ml-prod", "ConfigMap/a", "ConfigMap/z", "Service/api", "Deployment/web",
                "Deployment/a-served", "Deployment/b-served",
            ]
        )
    }
}

import Cluster
import Logging
import MooringCore
import Testing

@testable import Sync

/// When the holds stage reads no holds at all: nothing in the cluster is asked, and the desired state is unchanged.
@Suite("Canary hold stage")
struct CanaryHoldStageTests {
    typealias Rule = CanaryHoldRuleTests

    /// A stage whose kubectl does not exist: any read fails, so a stage that returns holds read nothing.
    private static func stage(namespace: String?) -> CanaryHoldStage {
        let options = KubectlOptions(
            executable: "/nonexistent/kubectl",
            kubeconfig: "/nonexistent/kubeconfig",
            cacheDirectory: "/nonexistent/cache"
        )
        let cluster = ClusterClient(options: options)
        return CanaryHoldStage(
            namespace: namespace,
            reader: LiveReader(cluster: cluster, logger: Logger(label: "test"))
        )
    }

    private static func rule(analysed: Bool) -> CanaryHoldRule {
        CanaryHoldRule(
            resources: [
                Rule.deployment("churn", replicas: 2), Rule.deployment("churn-canary", replicas: 1, canaryOf: "8"),
            ],
            models: [Rule.model(analysed: analysed)],
            isFallback: false
        )
    }

    @Test("without inventory.namespace there is nowhere to keep holds: none are read")
    func noNamespace() async throws {
        #expect(
            try await Self.stage(namespace: nil).abortedCanaries(of: "prod", for: Self.rule(analysed: true)).isEmpty
        )
    }

    @Test("without a canary an analysis judges, no hold can apply: none are read")
    func noJudgedCanary() async throws {
        #expect(
            try await Self.stage(namespace: "mooring").abortedCanaries(of: "prod", for: Self.rule(analysed: false))
                .isEmpty
        )
    }

    @Test("holds that cannot be read stop the sync, naming the ConfigMap")
    func unreadable() async {
        let error = await #expect(throws: SyncError.self) {
            try await Self.stage(namespace: "mooring").abortedCanaries(of: "prod", for: Self.rule(analysed: true))
        }
        #expect(
            error?.message.hasPrefix("the aborted canaries in ConfigMap mooring/mooring-analysis-prod cannot") == true
        )
    }
}

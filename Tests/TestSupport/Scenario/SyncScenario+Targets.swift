import Foundation
import KubeSim
import TestSupport

extension SyncScenario {
    /// The folder of the second target, `beta`, in the repository.
    public static let betaFolder = "deploy-beta"

    /// Rewrites the host configuration with two targets on the scenario's cluster: `alpha` syncing the example
    /// deploy folder and `beta` syncing `deploy-beta` (one ConfigMap, from `writeBetaConfigMap`).
    public func configureTwoTargets(_ policy: HostPolicy = HostPolicy()) throws {
        func target(_ name: String, _ path: String) -> String {
            """
              - name: \(name)
                path: \(path)
                cluster:
                  kubeconfig: \(sim.kubeconfigPath)
                  kubectl: /usr/bin/kubectl
                  timeout: 60s
                policy:
                  drift: \(policy.drift)
                  pruneLimit: \(policy.pruneLimit)
            """
        }
        try """
        source:
          url: \(repository.fileURL)
          branch: \(repository.branch)
          timeout: 20s
        targets:
        \(target("alpha", Self.folder))
        \(target("beta", Self.betaFolder))
        health:
          timeout: \(policy.healthTimeout)
        stateDir: \(stateDirectory)

        """.write(toFile: configurationPath, atomically: true, encoding: .utf8)
    }

    /// Writes beta's one object, a ConfigMap in the example's namespace, into the working clone.
    public func writeBetaConfigMap(level: String) throws {
        try repository.write(
            "\(Self.betaFolder)/settings.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: beta-settings
              namespace: ml-prod
            data:
              LEVEL: \(level)

            """
        )
    }

    /// Writes a file into beta's folder that no commit can pass: a ConfigMap without a name.
    public func breakBeta() throws {
        try repository.write(
            "\(Self.betaFolder)/broken.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: ml-prod\ndata:\n  A: b\n"
        )
    }
}

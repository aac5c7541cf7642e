import KubeSim
import TestSupport

/// What people do to the example deploy folder and its cluster in the scenarios: pull requests and kubectl.
extension SyncScenario {
    /// A pull request that sets churn-predictor's replicas (3 in the example) to `replicas`.
    public func setChurnReplicas(_ replicas: Int) throws {
        try edit(
            "models/churn-predictor/deployment.yaml",
            replacing: "replicas:\n    min: 3\n    max: 3",
            with: "replicas:\n    min: \(replicas)\n    max: \(replicas)"
        )
    }

    /// A pull request that makes fraud-detector's canary 13 stable and a new version 14 the canary with 20% of the
    /// traffic.
    public func promoteFraudCanary(newCanaryAUC: Double) throws {
        try write("models/fraud-detector/versions/14.yaml", ExampleDeployFolder.fraudVersion("14", auc: newCanaryAUC))
        try edit("models/fraud-detector/deployment.yaml", replacing: #"stable: "12""#, with: #"stable: "13""#)
        try edit("models/fraud-detector/deployment.yaml", replacing: #"version: "13""#, with: #"version: "14""#)
        try edit("models/fraud-detector/deployment.yaml", replacing: "traffic: 10", with: "traffic: 20")
    }

    /// `kubectl scale` of churn-predictor's Deployment to 5 replicas (git says 3).
    public func scaleChurnByHand() async throws {
        try await cluster.kubectlOK(["scale", "-n", "ml-prod", "deployment/churn-predictor", "--replicas=5"])
    }

    /// `kubectl patch` of fraud-detector's InferenceService `minReplicas` (git says 2).
    public func patchFraudByHand(minReplicas: Int) async throws {
        try await cluster.kubectlOK([
            "patch", "-n", "ml-prod", "inferenceservice/fraud-detector", "--type=merge",
            "-p", #"{"spec":{"predictor":{"minReplicas":\#(minReplicas)}}}"#,
        ])
    }
}

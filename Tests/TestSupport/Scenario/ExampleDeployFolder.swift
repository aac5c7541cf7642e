public import Foundation
public import MooringCore

/// The repository's example deploy folder (`deploy-manifests/`), the one the README and the demo show.
public enum ExampleDeployFolder {
    public static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy-manifests")

    /// Every file, by path relative to the folder.
    public static func files() throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        while let file = enumerator?.nextObject() as? URL {
            guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let relative = String(file.standardizedFileURL.path.dropFirst(url.standardizedFileURL.path.count + 1))
            files[relative] = try String(contentsOf: file, encoding: .utf8)
        }
        return files
    }
}

extension ExampleDeployFolder {
    public static let namespace = ObjectIdentity(group: "", kind: "Namespace", namespace: nil, name: "ml-prod")
    public static let servingConfig = ObjectIdentity(
        group: "",
        kind: "ConfigMap",
        namespace: "ml-prod",
        name: "model-serving-config"
    )
    /// fraud-detector serves through KServe.
    public static let fraudDetector = ObjectIdentity(
        group: "serving.kserve.io",
        kind: "InferenceService",
        namespace: "ml-prod",
        name: "fraud-detector"
    )
    /// churn-predictor serves as a Deployment and a Service.
    public static let churnDeployment = ObjectIdentity(
        group: "apps",
        kind: "Deployment",
        namespace: "ml-prod",
        name: "churn-predictor"
    )
    public static let churnService = ObjectIdentity(
        group: "",
        kind: "Service",
        namespace: "ml-prod",
        name: "churn-predictor"
    )

    /// Every object the example folder deploys.
    public static let objects: Set<ObjectIdentity> = [
        namespace, servingConfig, fraudDetector, churnDeployment, churnService,
    ]

    /// A ModelVersion record of fraud-detector with the metrics its gates look at.
    public static func fraudVersion(_ version: String, auc: Double, falsePositiveRate: Double = 0.036) -> String {
        """
        apiVersion: mooring.dev/v1
        kind: ModelVersion
        metadata:
          name: fraud-detector-\(version)
        spec:
          model: fraud-detector
          version: "\(version)"
          artifact:
            uri: s3://acme-models/fraud-detector/\(version)/
            digest: sha256:\(String(repeating: "ab", count: 32))
          code: {repo: "https://git.example.com/ml/fraud-detector.git", commit: "c0ffee\(version)"}
          data:
            - {role: training, name: card-transactions-2026-06, digest: "sha256:\(String(repeating: "cd", count: 32))"}
            - {role: evaluation, name: card-transactions-holdout-2026-06, digest: "sha256:\(String(repeating: "ef", count: 32))"}
          metrics:
            auc: \(auc)
            false_positive_rate: \(falsePositiveRate)

        """
    }
}

extension ModelDeployment {
    /// Scaling bounds. KServe autoscales between them; `target: deployment` runs `min` pods (see `DeploymentSplit`).
    public struct Replicas: Hashable, Sendable, Codable {
        public var min: Int
        public var max: Int

        public init(min: Int = 1, max: Int = 1) {
            self.min = min
            self.max = max
        }
    }
}

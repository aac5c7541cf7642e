extension ModelDeployment {
    /// A version taking a share of the traffic next to stable.
    public struct Canary: Hashable, Sendable, Codable {
        public var version: String
        /// Percent of requests, 0–100.
        public var traffic: Int

        public init(version: String, traffic: Int) {
            self.version = version
            self.traffic = traffic
        }
    }
}

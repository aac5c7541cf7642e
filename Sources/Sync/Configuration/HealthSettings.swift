import MooringCore

/// How long a sync waits for what it applied to become healthy.
public struct HealthSettings: Sendable, Equatable {
    public var timeout: Duration

    public init(timeout: Duration = .seconds(300)) {
        self.timeout = timeout
    }
}

extension HealthSettings {
    init(reading reader: inout ConfigurationReader) {
        _ = reader.object("health", allowed: ["timeout"])
        self.init(timeout: reader.duration("health.timeout") ?? HealthSettings().timeout)
    }
}

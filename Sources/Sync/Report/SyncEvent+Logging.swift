public import Logging

extension SyncEvent {
    /// Logs the event at its severity, with its stable name as the `event` field and its details as metadata.
    public func log(to logger: Logger) {
        var metadata: Logger.Metadata = ["event": .string(name.rawValue)]
        for (key, value) in fields { metadata[key] = .string(value) }
        let level: Logger.Level =
            switch severity {
            case .info: .info
            case .warning: .warning
            case .error: .error
            }
        logger.log(level: level, "\(message)", metadata: metadata)
    }
}

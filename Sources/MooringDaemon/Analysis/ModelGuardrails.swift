import Analysis
import Foundation

/// The live guardrails of one model: its canary analysis and its monitors, as the daemon keeps them in the
/// cluster (``GuardrailStore``) between runs, restarts and leaders.
struct ModelGuardrails: Codable, Sendable, Equatable {
    var canary: CanaryProgress?
    var monitors: MonitorProgress?

    /// Whether there is anything to keep.
    var isEmpty: Bool { canary == nil && monitors == nil }
}

extension [String: ModelGuardrails] {
    /// The state as the analysis ConfigMap's `data.state` holds it (JSON, dates in ISO 8601, keys sorted).
    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// The state `data.state` holds; `nil` when it is not JSON this version of Mooring wrote.
    static func decoded(_ text: String) -> [String: ModelGuardrails]? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode([String: ModelGuardrails].self, from: Data(text.utf8))
    }
}

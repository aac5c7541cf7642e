import Foundation
import URLLoading

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the demo reads of a running daemon's `GET /status`: each model's canary analysis, as `mooring status` and
/// the status page show it.
struct DemoDaemonStatus: Decodable, Sendable {
    struct Target: Decodable, Sendable {
        var models: [Model]?
    }

    struct Model: Decodable, Sendable {
        var name: String
        /// The traffic the canary serves (0 while its abort holds it out).
        var canaryTraffic: Int?
        var analysis: Analysis?
    }

    struct Analysis: Decodable, Sendable {
        var state: String
        var checks: [Check]?
    }

    struct Check: Decodable, Sendable {
        var name: String
        var value: Double?
        var result: String?
    }

    /// Whether a sync is running.
    var syncing: Bool
    var targets: [Target]

    /// The status of the daemon listening at `base` (`http://127.0.0.1:PORT`); `nil` while it does not answer.
    static func read(_ base: String) async -> DemoDaemonStatus? {
        guard let url = URL(string: "\(base)/status"),
            let (data, _) = try? await URLSession.shared.cancellableData(for: URLRequest(url: url))
        else { return nil }
        return try? JSONDecoder().decode(DemoDaemonStatus.self, from: data)
    }

    /// How many syncs the daemon listening at `base` has finished (`mooring_sync_total` of `/metrics`, all
    /// results); `nil` while it does not answer.
    static func syncsFinished(_ base: String) async -> Int? {
        guard let url = URL(string: "\(base)/metrics"),
            let (data, _) = try? await URLSession.shared.cancellableData(for: URLRequest(url: url))
        else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("mooring_sync_total{") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .reduce(0) { $0 + Int($1) }
    }

    /// The model `name` of the first target serving it.
    func model(_ name: String) -> Model? {
        targets.lazy.compactMap { $0.models?.first { $0.name == name } }.first
    }
}

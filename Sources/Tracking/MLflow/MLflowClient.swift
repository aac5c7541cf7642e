// Folder Tracking: ModelVersion records from MLflow.
// Folder Tracking/MLflow: the MLflow REST client and what it returns.

import Foundation
import URLLoading

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Reads runs, registered model versions and logged models through MLflow's REST API (`/api/2.0/mlflow/`).
public struct MLflowClient: Sendable {
    public let server: TrackingServer
    /// How long one request may take.
    public var timeout: Duration

    public init(server: TrackingServer, timeout: Duration = .seconds(30)) {
        self.server = server
        self.timeout = timeout
    }

    /// The run with this id.
    public func run(id: String) async throws(TrackingError) -> MLflowRun {
        struct Answer: Decodable { var run: MLflowRun }
        let answer: Answer = try await get("runs/get", ["run_id": id], what: "run \(id)")
        return answer.run
    }

    /// A registered model's version.
    public func modelVersion(name: String, version: String) async throws(TrackingError) -> MLflowModelVersion {
        struct Answer: Decodable {
            var modelVersion: MLflowModelVersion
            enum CodingKeys: String, CodingKey { case modelVersion = "model_version" }
        }
        let answer: Answer = try await get(
            "model-versions/get",
            ["name": name, "version": version],
            what: "registered model \(name) version \(version)"
        )
        return answer.modelVersion
    }

    /// An MLflow 3 logged model.
    public func loggedModel(id: String) async throws(TrackingError) -> MLflowLoggedModel {
        struct Answer: Decodable { var model: MLflowLoggedModel }
        let encoded = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id
        let answer: Answer = try await get("logged-models/\(encoded)", [:], what: "logged model \(id)")
        return answer.model
    }

    private func get<Answer: Decodable>(
        _ endpoint: String,
        _ query: [String: String],
        what: String
    ) async throws(TrackingError) -> Answer {
        let base = server.url.appendingPathComponent("api/2.0/mlflow/" + endpoint)
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)
        if !query.isEmpty {
            components?.queryItems = query.sorted { $0.key < $1.key }.map {
                URLQueryItem(name: $0.key, value: $0.value)
            }
        }
        guard let url = components?.url else {
            throw TrackingError(.configuration, "cannot form a request for \(what) at \(server.displayURI)")
        }
        var request = URLRequest(url: url, timeoutInterval: Double(timeout.components.seconds))
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let authorization = server.authorization {
            request.setValue(authorization, forHTTPHeaderField: "Authorization")
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.cancellableData(for: request)
        } catch {
            throw TrackingError(
                .unreachable,
                "cannot reach the MLflow tracking server at \(server.displayURI) for \(what): \(error.localizedDescription)"
            )
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw failure(status: status, body: data, what: what) }
        do {
            return try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            throw TrackingError(
                .server,
                "the MLflow tracking server at \(server.displayURI) sent \(what) in a form Mooring cannot read: \(error)"
            )
        }
    }

    /// The error for an HTTP failure, with MLflow's own `error_code` and `message` when it sent them.
    private func failure(status: Int, body: Data, what: String) -> TrackingError {
        struct MLflowError: Decodable {
            var errorCode: String?
            var message: String?
            enum CodingKeys: String, CodingKey {
                case errorCode = "error_code"
                case message
            }
        }
        let detail = try? JSONDecoder().decode(MLflowError.self, from: body)
        let said = detail.map { " (\([$0.errorCode, $0.message].compactMap { $0 }.joined(separator: ": ")))" } ?? ""
        let place = "the MLflow tracking server at \(server.displayURI)"
        switch status {
        case 401, 403:
            let hint =
                server.authorization == nil
                ? "set MLFLOW_TRACKING_TOKEN (or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)"
                : "check the credentials in MLFLOW_TRACKING_TOKEN (or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)"
            return TrackingError(.unauthorized, "\(place) refused the request for \(what) with HTTP \(status); \(hint)")
        case 404 where detail?.errorCode != "ENDPOINT_NOT_FOUND":
            return TrackingError(.notFound, "\(place) has no \(what)\(said)")
        case 400 where detail?.errorCode == "RESOURCE_DOES_NOT_EXIST" || detail?.errorCode == "INVALID_PARAMETER_VALUE":
            return TrackingError(.notFound, "\(place) has no \(what)\(said)")
        default:
            return TrackingError(.server, "\(place) answered HTTP \(status) for \(what)\(said)")
        }
    }
}

import ArgumentParser
import Foundation
import MooringDaemon
import Sync
import URLLoading

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Reads a running daemon's `GET /status`, for `mooring status` and `mooring promote`.
struct DaemonStatusClient {
    /// Where `mooring run` listens unless `server.listen` says otherwise.
    static let defaultAddress = "http://127.0.0.1:9420"

    /// The daemon's address, such as `http://127.0.0.1:9420`.
    let base: String

    /// `url`, else `http://` and `server.listen` of the host configuration `config` (a wildcard host asked on
    /// loopback), else ``defaultAddress``.
    init(url: String?, config: String?) throws {
        if let url {
            base = url
            return
        }
        guard let config else {
            base = Self.defaultAddress
            return
        }
        let server: ServerSettings
        do {
            server = try ConfigurationFile.load(config).server()
        } catch {
            throw CommandFailure.configuration(error)
        }
        let host = ["0.0.0.0", "::", "[::]"].contains(server.host) ? "127.0.0.1" : server.host
        base = "http://\(host):\(server.port)"
    }

    /// The daemon's status and the body it came in; throws ``CommandFailure`` (exit 1) saying plainly when no
    /// Mooring daemon answers there.
    func status(timeout: TimeInterval = 10) async throws -> (document: StatusDocument, body: Data) {
        guard let endpoint = URL(string: base.hasSuffix("/") ? base + "status" : base + "/status") else {
            throw ValidationError("\(base) is not a URL (give the daemon's address, such as \(Self.defaultAddress))")
        }
        var request = URLRequest(url: endpoint)
        request.timeoutInterval = timeout
        let body: Data
        do {
            let (data, response) = try await URLSession.shared.cancellableData(for: request)
            guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
                throw CommandFailure.runtime("\(endpoint) did not answer 200; is this Mooring's server.listen address?")
            }
            body = data
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure.runtime(
                "no Mooring daemon answers at \(endpoint) (\(error.localizedDescription)); check that `mooring run` "
                    + "is running (systemctl status mooring) and that this is its server.listen address"
            )
        }
        do {
            return (try StatusDocument(json: body), body)
        } catch {
            throw CommandFailure.runtime("\(endpoint) answered something other than Mooring's status: \(error)")
        }
    }
}

import ArgumentParser
import Foundation
import MooringDaemon
import Sync

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `mooring status`: what a running daemon is doing, from its `/status`.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Ask a running daemon what it is doing.",
        discussion: """
            Reads GET /status from the daemon's HTTP listener: --url, else server.listen of --config, else \
            http://127.0.0.1:9420. Exits 1 when the daemon cannot be reached.
            """
    )

    @Option(help: ArgumentHelp("The daemon's address, such as http://127.0.0.1:9420.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("A host configuration whose server.listen to ask.", valueName: "file"))
    var config: String?

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    func run() async throws {
        let base = try baseURL()
        guard let endpoint = URL(string: base.hasSuffix("/") ? base + "status" : base + "/status") else {
            throw ValidationError("--url \(base) is not a URL")
        }
        var request = URLRequest(url: endpoint)
        request.timeoutInterval = 10
        let body: Data
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
                throw CommandFailure.runtime("\(endpoint) did not answer 200; is this Mooring's server.listen address?")
            }
            body = data
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure.runtime(
                "no Mooring daemon answers at \(endpoint) (\(error.localizedDescription)); check that `mooring run` "
                    + "is running (systemctl status mooring) and that --url or server.listen names its address"
            )
        }
        let status: StatusDocument
        do {
            status = try StatusDocument(json: body)
        } catch {
            throw CommandFailure.runtime("\(endpoint) answered something other than Mooring's status: \(error)")
        }
        switch format {
        case .text: print(status.text, terminator: "")
        case .json: print(String(decoding: body, as: UTF8.self))
        }
    }

    /// `--url`, else `http://` and `server.listen` of `--config` (a wildcard host asked on loopback), else the
    /// default listen address.
    private func baseURL() throws -> String {
        if let url { return url }
        guard let config else { return "http://127.0.0.1:9420" }
        let server: ServerSettings
        do {
            server = try ConfigurationFile.load(config).server()
        } catch {
            throw CommandFailure.configuration(error)
        }
        let host = ["0.0.0.0", "::", "[::]"].contains(server.host) ? "127.0.0.1" : server.host
        return "http://\(host):\(server.port)"
    }
}

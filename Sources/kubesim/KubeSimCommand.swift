// Folder kubesim: the `kubesim` program.

import ArgumentParser
import Foundation
import KubeSim
import UnixSignals

/// `kubesim --port 0 --kubeconfig-out FILE`: runs a simulated Kubernetes API server until SIGTERM or SIGINT.
/// The first line on standard output is the port it listens on.
@main
struct KubeSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubesim",
        abstract: "A Kubernetes API server simulator (v1.32) on 127.0.0.1 for kubectl."
    )

    @Option(help: "The port on 127.0.0.1; 0 picks a free one.")
    var port = 0

    @Option(name: .customLong("kubeconfig-out"), help: "Write a kubeconfig for this server to this file.")
    var kubeconfigOut: String?

    @Option(help: "The bearer token of the user admin.")
    var token = "kubesim-admin-token"

    @Flag(inversion: .prefixedNo, help: "Start with KServe's InferenceService CRD installed.")
    var kserve = true

    @Option(help: "Milliseconds until Deployments and InferenceServices become ready after a change.")
    var readyDelayMs = 200

    @Option(help: "Seconds between the bookmarks of a watch that allows them (a real API server: about a minute).")
    var bookmarkIntervalSeconds = 1

    @Flag(
        help: """
            Let requests without credentials get, list and watch (as system:anonymous), so that kubectl proxy, which \
            sends no credentials over plain HTTP, can read.
            """
    )
    var anonymousReads = false

    func run() async throws {
        let options = KubeSimOptions(
            port: port,
            installKServe: kserve,
            readyDelay: .milliseconds(readyDelayMs),
            bookmarkInterval: .seconds(bookmarkIntervalSeconds),
            anonymousUser: anonymousReads
                ? KubeSimUser(name: "system:anonymous", token: "", verbs: ["get", "list", "watch"]) : nil,
            adminToken: token
        )
        let sim = try await KubeSim.start(options)
        if let kubeconfigOut { try sim.writeKubeconfig(to: kubeconfigOut) }
        FileHandle.standardOutput.write(Data("\(sim.port)\n".utf8))
        await Self.waitForTermination()
        await sim.stop()
    }

    /// Returns on SIGTERM or SIGINT.
    private static func waitForTermination() async {
        for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) { return }
    }
}

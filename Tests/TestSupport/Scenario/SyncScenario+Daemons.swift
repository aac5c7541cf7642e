import Foundation
import KubeSim
public import MooringCore
import TestSupport

extension SyncScenario {
    /// The path of the Lease `name` in `namespace`, as KubeSim logs requests.
    public static func leasePath(namespace: String = "mooring-system", name: String = "mooring") -> String {
        "/apis/coordination.k8s.io/v1/namespaces/\(namespace)/leases/\(name)"
    }

    /// A `leaderElection` section that turns election on: client-go's lease duration and renew deadline, long
    /// enough for a loaded machine where one kubectl call can take seconds, and a shorter retry period.
    public static func election(
        namespace: String = "mooring-system",
        leaseDuration: String = "15s",
        renewDeadline: String = "10s",
        retryPeriod: String = "1s"
    ) -> String {
        "{enabled: true, namespace: \(namespace), name: mooring, leaseDuration: \(leaseDuration), "
            + "renewDeadline: \(renewDeadline), retryPeriod: \(retryPeriod)}"
    }

    /// Starts `mooring run` as one more host watching this scenario's repository and cluster: this scenario's host
    /// configuration with a state directory named after `name`, a poll every `pollInterval`, and `leaderElection`.
    public func startDaemon(_ name: String, leaderElection: String, pollInterval: String = "1s") throws -> RunningDaemon
    {
        let own = directory.appendingPathComponent("\(name)-state").path
        let configuration =
            try String(contentsOfFile: configurationPath, encoding: .utf8)
            .replacingOccurrences(of: "stateDir: \(stateDirectory)", with: "stateDir: \(own)")
            .replacingOccurrences(of: "source:\n", with: "source:\n  pollInterval: \(pollInterval)\n")
            + "leaderElection: \(leaderElection)\n" + Self.serverOnFreePort()
        let path = directory.appendingPathComponent("\(name).yaml").path
        try configuration.write(toFile: path, atomically: true, encoding: .utf8)
        return try RunningDaemon(
            configurationPath: path,
            stateDirectory: own,
            logPath: directory.appendingPathComponent("\(name).log").path
        )
    }

    /// Creates the namespace `name`, as an administrator would before turning leader election on.
    public func createNamespace(_ name: String) async throws {
        let namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: \(name)}\n"
        try await cluster.kubectlOK(["apply", "--server-side", "-f", "-"], input: namespace)
    }

    /// Runs `body` with daemons it starts through `start`, and stops them (SIGTERM) when `body` fails, before the
    /// scenario's cluster goes away under them.
    public func withDaemons(
        _ body: (_ start: (String, String) throws -> RunningDaemon) async throws -> Void
    ) async throws {
        var started: [RunningDaemon] = []
        do {
            try await body { name, election in
                let daemon = try startDaemon(name, leaderElection: election)
                started.append(daemon)
                return daemon
            }
        } catch {
            for daemon in started { _ = try? await daemon.stop() }
            throw error
        }
    }

    /// How many times the Lease was read so far: each standby or slow-path try reads it once.
    public func leaseReads(namespace: String = "mooring-system") -> Int {
        let path = Self.leasePath(namespace: namespace)
        return sim.requests().filter { $0.method == "GET" && $0.path == path }.count
    }

    /// The Lease's `spec` as the API server holds it.
    public func leaseSpec(namespace: String = "mooring-system") async -> JSONValue? {
        await live(.init(group: "coordination.k8s.io", kind: "Lease", namespace: namespace, name: "mooring"))?["spec"]
    }
}

extension SyncScenario {
    /// A `server` section listening on a free loopback port: `mooring run` processes of tests running side by side
    /// must not all ask for the default 127.0.0.1:9420.
    public static func serverOnFreePort() throws -> String {
        "server:\n  listen: 127.0.0.1:\(try freeLoopbackPort())\n"
    }

    /// Adds ``serverOnFreePort()`` to this scenario's host configuration.
    public func listenOnFreePort() throws {
        let configuration = try String(contentsOfFile: configurationPath, encoding: .utf8)
        try (configuration + Self.serverOnFreePort()).write(
            toFile: configurationPath,
            atomically: true,
            encoding: .utf8
        )
    }
}

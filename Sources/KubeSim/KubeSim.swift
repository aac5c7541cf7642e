// Folder KubeSim: the simulator's entry point and options.

public import Foundation
import Hummingbird
import Logging
public import MooringCore
import NIOCore
import Synchronization

/// A Kubernetes API server simulator (reporting v1.32) on 127.0.0.1 that the real kubectl talks to.
///
/// ```swift
/// let sim = try await KubeSim.start()
/// // kubectl --kubeconfig sim.kubeconfigPath --cache-dir sim.cacheDirectory apply --server-side -f …
/// await sim.stop()
/// ```
///
/// Everything lives in memory; each instance has its own kubeconfig (user `admin`, a bearer token)
/// and its own kubectl cache folder, so discovery caches never leak between servers.
public final class KubeSim: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// The kubeconfig that points at this server as user `admin` (one context per extra user, named after it).
    public let kubeconfigPath: String
    /// A kubectl cache folder for this server alone (`KUBECACHEDIR` or `--cache-dir`).
    public let cacheDirectory: String
    /// The folder holding the kubeconfig and the cache.
    public let directory: String
    /// Faults to inject into requests.
    public let faults: KubeSimFaults
    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    let server: APIServer
    private let log: RequestLog
    private let stopped: StopFlag
    private let options: KubeSimOptions
    private let serverTask: Mutex<HTTPServerTask?>
    private let ownsDirectory: Bool

    private init(
        port: Int,
        directory: String,
        ownsDirectory: Bool,
        server: APIServer,
        faults: KubeSimFaults,
        log: RequestLog,
        stopped: StopFlag,
        options: KubeSimOptions,
        task: HTTPServerTask
    ) {
        self.port = port
        self.directory = directory
        self.ownsDirectory = ownsDirectory
        self.kubeconfigPath = directory + "/kubeconfig"
        self.cacheDirectory = directory + "/kube-cache"
        self.server = server
        self.faults = faults
        self.log = log
        self.stopped = stopped
        self.options = options
        self.serverTask = Mutex(task)
    }

    /// Starts a simulator, writes its kubeconfig and returns once it accepts connections.
    public static func start(_ options: KubeSimOptions = KubeSimOptions()) async throws -> KubeSim {
        let thread = ServerThread(name: "kubesim")
        let server = APIServer(options: options, thread: thread)
        do {
            try await server.bootstrap()
        } catch {
            throw KubeSimError(code: .bootstrap, message: "the seed objects were refused: \(error)")
        }
        if let interval = options.compactionInterval { await server.startCompaction(every: interval) }
        let faults = KubeSimFaults()
        let log = RequestLog()
        let stopped = StopFlag()
        let responder = makeResponder(server: server, faults: faults, log: log, stopped: stopped, options: options)
        let (port, task) = try await listen(on: options.port, responder: responder, thread: thread)
        let directory: String
        let ownsDirectory = options.directory == nil
        if let given = options.directory {
            directory = given
        } else {
            directory = NSTemporaryDirectory() + "kubesim-" + UUID().uuidString
        }
        let sim = KubeSim(
            port: port,
            directory: directory,
            ownsDirectory: ownsDirectory,
            server: server,
            faults: faults,
            log: log,
            stopped: stopped,
            options: options,
            task: task
        )
        do {
            try FileManager.default.createDirectory(atPath: sim.cacheDirectory, withIntermediateDirectories: true)
            try sim.writeKubeconfig(to: sim.kubeconfigPath)
        } catch {
            await sim.stop()
            throw KubeSimError(code: .fileSystem, message: "cannot write the kubeconfig in \(directory): \(error)")
        }
        return sim
    }

    private static func makeResponder(
        server: APIServer,
        faults: KubeSimFaults,
        log: RequestLog,
        stopped: StopFlag,
        options: KubeSimOptions
    ) -> KubeSimResponder {
        var users: [String: KubeSimUser] = [options.adminToken: KubeSimUser(name: "admin", token: options.adminToken)]
        for user in options.users { users[user.token] = user }
        return KubeSimResponder(
            server: server,
            faults: faults,
            log: log,
            users: users,
            anonymous: options.anonymousUser,
            stopped: stopped
        )
    }

    /// Binds 127.0.0.1:`port` and serves, its requests handled on `thread`, until the returned server is stopped.
    private static func listen(
        on port: Int,
        responder: KubeSimResponder,
        thread: ServerThread
    ) async throws -> (Int, HTTPServerTask) {
        let bound = BindResult()
        var logger = Logger(label: "kubesim")
        logger.logLevel = .critical
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname("127.0.0.1", port: port),
                serverName: nil,
                reuseAddress: true
            ),
            onServerRunning: { channel in bound.resolve(.success(channel.localAddress?.port ?? port)) },
            logger: logger
        )
        let task = HTTPServerTask(app, executorPreference: thread, logger: logger) { error in
            let message =
                error.map { "cannot listen on 127.0.0.1:\(port): \($0)" } ?? "the server stopped before it listened"
            bound.resolve(.failure(KubeSimError(code: .bindFailed, message: message)))
        }
        let actualPort = try await bound.value()
        return (actualPort, task)
    }

    /// Stops the server, ends open watches and hung requests, and removes its temporary folder.
    public func stop() async {
        stopped.set(true)
        await refuseConnections()
        await server.cancelControllers()
        if ownsDirectory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Closes the listening socket: new connections are refused until `acceptConnections()`.
    public func refuseConnections() async {
        await server.endAllWatches()
        let task = serverTask.withLock { task in
            defer { task = nil }
            return task
        }
        await task?.stop()
        // The listener closes on its event loop, which may lag the task: wait until the port refuses.
        let deadline = ContinuousClock.now + .seconds(10)
        while loopbackPortAccepts(port), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Listens again on the same port after `refuseConnections()`.
    public func acceptConnections() async throws {
        guard serverTask.withLock({ $0 == nil }) else { return }
        let responder = Self.makeResponder(server: server, faults: faults, log: log, stopped: stopped, options: options)
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                let (_, task) = try await Self.listen(on: port, responder: responder, thread: server.thread)
                serverTask.withLock { $0 = task }
                return
            } catch  where ContinuousClock.now < deadline {
                // The old listener may still hold the port for a moment.
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// Writes a kubeconfig for this server: the `admin` context `kubesim` (current), and one context per extra
    /// user, named after the user.
    ///
    /// kubectl sends a kubeconfig user's token only over TLS, so each cluster entry also carries the user and
    /// token in the server URL (`http://admin:<token>@127.0.0.1:<port>`), which kubectl sends as basic
    /// authentication; the `token` entries serve clients that send bearer tokens over plain HTTP.
    public func writeKubeconfig(to path: String) throws {
        var users = [KubeSimUser(name: "admin", token: options.adminToken)]
        users.append(contentsOf: options.users)
        var text = "apiVersion: v1\nkind: Config\nclusters:\n"
        for user in users {
            text += "- name: \(Self.context(of: user))\n  cluster:\n"
            text += "    server: http://\(user.name):\(user.token)@127.0.0.1:\(port)\n"
        }
        text += "contexts:\n"
        for user in users {
            text += "- name: \(Self.context(of: user))\n  context:\n    cluster: \(Self.context(of: user))\n"
            text += "    user: \(user.name)\n    namespace: default\n"
        }
        text += "current-context: kubesim\nusers:\n"
        for user in users {
            text += "- name: \(user.name)\n  user:\n    token: \(user.token)\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The kubeconfig context of a user: `kubesim` for admin, else the user's name.
    private static func context(of user: KubeSimUser) -> String {
        user.name == "admin" ? "kubesim" : user.name
    }

    /// Holds an object back from becoming Ready (a Deployment stays Progressing, an InferenceService Ready=False),
    /// or releases it.
    public func neverReady(_ identity: ObjectIdentity, _ held: Bool = true) async {
        await server.setNeverReady(identity, held)
    }

    /// Every stored object, ordered by group, resource, namespace and name.
    public func objects() async -> [JSONValue] {
        await server.allObjects()
    }

    /// One stored object, or `nil`.
    public func object(_ identity: ObjectIdentity) async -> JSONValue? {
        await server.object(identity)
    }

    /// Compacts the history, as etcd's compaction does: from now on a watch from an older resourceVersion than the
    /// current one gets a 200 stream holding one ERROR event (a Status 410 Expired, "too old resource version"),
    /// and a paged list's `continue` from an older one gets 410 Expired. Returns the compacted revision (the current
    /// resourceVersion), from which a watch still starts.
    @discardableResult
    public func compact() async -> Int {
        await server.compact()
    }

    /// Ends every open watch cleanly (the stream ends without an ERROR event), as a server does at a watch's
    /// timeout: clients reconnect from the last resourceVersion they saw.
    public func endWatches() async {
        await server.endAllWatches()
    }

    /// Every request received since start or the last `resetRequests()`.
    public func requests() -> [KubeSimRequest] { log.all }

    public func resetRequests() { log.reset() }
}

/// The outcome of binding, delivered once to whoever waits for it.
private final class BindResult: Sendable {
    private let state = Mutex<(result: Result<Int, any Error>?, waiter: CheckedContinuation<Int, any Error>?)>(
        (nil, nil)
    )

    func resolve(_ result: Result<Int, any Error>) {
        let waiter: CheckedContinuation<Int, any Error>? = state.withLock { state in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Int, any Error>? = state.withLock { state in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

import Logging
import MooringCore
import Synchronization

/// How one target's live cache reads the API server: through one `kubectl proxy` for every list and watch (the
/// first choice, about 47 MB in all), or one `kubectl get --raw` per request (about 45 MB per running watch).
///
/// The proxy is given up for good, with one log line saying why, when it cannot start or when the server answers a
/// request through it 401 or 403: kubectl proxy sends the kubeconfig's credentials only over TLS, so a plain-HTTP
/// server that needs them refuses it. The request is then made again with kubectl.
final class LiveCacheTransport: CollectionReader {
    private enum Mode {
        case proxy(ProxyCollectionReader)
        case kubectl
    }

    /// The longest path a unix socket may have (`sun_path` holds 108 bytes with its terminating zero).
    static let socketPathLimit = 107

    private let mode: Mutex<Mode>
    private let kubectl: KubectlCollectionReader
    private let target: String
    private let logger: Logger

    /// `proxy` or `kubectl`: how the cache reads now.
    var name: String {
        mode.withLock { mode in
            if case .proxy = mode { return "proxy" }
            return "kubectl"
        }
    }

    /// A transport for `target` that reads through a proxy listening on `proxySocket`, or with kubectl alone when
    /// that is `nil` or too long for a unix socket.
    init(target: String, options: KubectlOptions, proxySocket: String?, logger: Logger) {
        let runner = KubectlRunner(options: options, logger: logger)
        self.target = target
        self.logger = logger
        kubectl = KubectlCollectionReader(runner: runner)
        guard let proxySocket else {
            mode = Mutex(.kubectl)
            return
        }
        guard proxySocket.utf8.count <= Self.socketPathLimit else {
            mode = Mutex(.kubectl)
            let why =
                "the live cache uses one kubectl get --raw per watched kind: the path of kubectl proxy's socket is "
                + "longer than \(Self.socketPathLimit) bytes; use a shorter state directory to read through one "
                + "kubectl proxy"
            logger.info(
                "\(why)",
                metadata: ["target": "\(target)", "socket": "\(proxySocket)"]
            )
            return
        }
        let proxy = KubectlProxy(socketPath: proxySocket, runner: runner)
        mode = Mutex(
            .proxy(ProxyCollectionReader(proxy: proxy, listLimit: options.outputLimit, listTimeout: options.timeout))
        )
    }

    func list(_ request: String) async throws(ClusterError) -> JSONValue {
        try await read { reader throws(ClusterError) in try await reader.list(request) }
    }

    func watch(
        _ request: String,
        timeout: Duration,
        _ chunk: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async throws(ClusterError) {
        try await read { reader throws(ClusterError) in try await reader.watch(request, timeout: timeout, chunk) }
    }

    /// Stops the proxy, if one runs, and removes its socket.
    func stop() async {
        guard case .proxy(let proxied) = mode.withLock({ $0 }) else { return }
        await proxied.proxy.stop()
    }

    /// `body` through the proxy, or with kubectl once the proxy is given up (then again with kubectl when the
    /// proxy's failure gives it up).
    private func read<Value>(
        _ body: (any CollectionReader) async throws(ClusterError) -> Value
    ) async throws(ClusterError) -> Value {
        guard case .proxy(let proxied) = mode.withLock({ $0 }) else { return try await body(kubectl) }
        do {
            return try await body(proxied)
        } catch {
            guard await givesUp(proxied.proxy, after: error) else { throw error }
            return try await body(kubectl)
        }
    }

    /// Whether `error`, thrown by a request through `proxy`, gives the proxy up: a 401 or 403, a proxy that never
    /// started, or another request that gave it up meanwhile.
    private func givesUp(_ proxy: KubectlProxy, after error: ClusterError) async -> Bool {
        guard error.code != .cancelled else { return false }
        let reason: String
        if error.code == .unauthorized || error.code == .forbidden {
            reason =
                "kubectl proxy cannot authenticate to this server (it sends credentials only over TLS); the live "
                + "cache uses one kubectl get --raw per watched kind"
        } else if !(await proxy.hasListened) {
            reason = "kubectl proxy cannot start; the live cache uses one kubectl get --raw per watched kind"
        } else {
            return name == "kubectl"
        }
        let switched = mode.withLock { mode in
            guard case .proxy = mode else { return false }
            mode = .kubectl
            return true
        }
        if switched {
            logger.info("\(reason)", metadata: ["target": "\(target)", "problem": "\(error.message)"])
            await proxy.stop()
        }
        return true
    }
}

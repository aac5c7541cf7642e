// Folder KubeSim/Faults: failures a test can inject.

import Synchronization

/// Faults a test injects into a running KubeSim: failed requests, latency and hung requests.
/// Refusing connections is on `KubeSim` itself (it closes the listening socket).
public final class KubeSimFaults: Sendable {
    /// Which requests a fault applies to: a method, a substring of the path and one of the raw query, each optional
    /// (`queryContains: "watch="` picks watches and leaves the lists and gets of the same path alone).
    public struct Match: Sendable, Hashable {
        public var method: String?
        public var pathContains: String?
        public var queryContains: String?

        public init(method: String? = nil, pathContains: String? = nil, queryContains: String? = nil) {
            self.method = method
            self.pathContains = pathContains
            self.queryContains = queryContains
        }

        func matches(method: String, path: String, query: String) -> Bool {
            (self.method.map { $0.uppercased() == method } ?? true) && (pathContains.map { path.contains($0) } ?? true)
                && (queryContains.map { query.contains($0) } ?? true)
        }
    }

    private struct State {
        var failures: [(remaining: Int, status: Int, match: Match)] = []
        var latency: Duration = .zero
        var hang: Match?
    }

    private let state = Mutex(State())

    init() {}

    /// Answers the next `count` requests that match with `status` (a `Status` object with reason by code).
    public func failNext(_ count: Int = 1, status: Int = 500, matching match: Match = Match()) {
        state.withLock { $0.failures.append((count, status, match)) }
    }

    /// Delay added before every answer.
    public var latency: Duration {
        get { state.withLock { $0.latency } }
        set { state.withLock { $0.latency = newValue } }
    }

    /// Accepts matching requests and never answers them (until `stopHanging()` or `stop()`).
    public func hangRequests(matching match: Match = Match()) {
        state.withLock { $0.hang = match }
    }

    public func stopHanging() {
        state.withLock { $0.hang = nil }
    }

    /// Clears every fault.
    public func reset() {
        state.withLock { $0 = State() }
    }

    func shouldHang(method: String, path: String, query: String) -> Bool {
        state.withLock { $0.hang?.matches(method: method, path: path, query: query) ?? false }
    }

    /// The status to fail this request with, consuming one planned failure.
    func takeFailure(method: String, path: String, query: String) -> Int? {
        state.withLock { state in
            guard
                let index = state.failures.firstIndex(where: {
                    $0.remaining > 0 && $0.match.matches(method: method, path: path, query: query)
                })
            else {
                return nil
            }
            state.failures[index].remaining -= 1
            let status = state.failures[index].status
            if state.failures[index].remaining == 0 { state.failures.remove(at: index) }
            return status
        }
    }
}

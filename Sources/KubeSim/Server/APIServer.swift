// Folder KubeSim/Server: the API server — reads, writes, apply, watch, discovery, validation.

import Foundation
import MooringCore

/// The state of the simulated cluster and the handling of every API request, serialized in one actor.
actor APIServer {
    var catalog = ResourceCatalog() {
        didSet { openAPIDocuments = nil }
    }
    /// The `/openapi/v3` documents, kept until the catalog changes: kubectl reads the index for every call, and
    /// rendering and hashing each group version's document anew for every read made it the costliest request of a
    /// test run.
    var openAPIDocuments: OpenAPIDocuments?
    var objects: [StoreKey: JSONValue] = [:]
    /// The one resourceVersion counter of the cluster.
    var resourceVersion = 1
    var watchers: [UUID: Watcher] = [:]
    /// Recent changes, so a watch can start from an older resourceVersion.
    var history: [WatchEvent] = []
    /// The revision up to which history is forgotten (`compact()`, or the history bound): watches and paged lists
    /// from an older resourceVersion get 410 Expired.
    var compactedRevision = 0
    /// The periodic compaction (`KubeSimOptions.compactionInterval`), if any.
    var compaction: Task<Void, Never>?
    var neverReady: Set<ObjectIdentity> = []
    var pendingReadiness: [StoreKey: Task<Void, Never>] = [:]
    var nextServiceIP = 10
    let options: KubeSimOptions
    /// Where the actor runs: its simulator's own thread, never the shared pool.
    let thread: ServerThread

    nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }

    init(options: KubeSimOptions, thread: ServerThread) {
        self.options = options
        self.thread = thread
    }

    /// Seeds the cluster: the `default` and `kube-system` namespaces, and KServe's CRD when asked for.
    func bootstrap() throws {
        for name in ["default", "kube-system", "kube-public"] {
            _ = try create(
                namespace(name),
                type: builtin("", "namespaces"),
                namespace: nil,
                manager: "kube-apiserver",
                dryRun: false
            )
        }
        if options.installKServe {
            let documents = try YAMLReader.documents(in: KServeCRD.yaml)
            for document in documents {
                _ = try create(
                    document.value,
                    type: builtin("apiextensions.k8s.io", "customresourcedefinitions"),
                    namespace: nil,
                    manager: "kubesim",
                    dryRun: false
                )
            }
        }
    }

    private func namespace(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
    }

    func builtin(_ group: String, _ plural: String) -> ResourceType {
        catalog.types.first { $0.group == group && $0.plural == plural && !$0.isCustom }
            ?? ResourceType(
                group: group,
                version: "v1",
                kind: plural,
                plural: plural,
                singular: plural,
                namespaced: false,
                schema: .any
            )
    }

    // MARK: Routing

    /// Answers one request.
    func respond(to request: APIRequest) async -> APIResponse {
        do {
            return try await route(request)
        } catch let error as StatusError {
            return .error(error)
        } catch {
            return .error(.unknown("\(error)"))
        }
    }

    private func route(_ request: APIRequest) async throws -> APIResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        switch segments.first {
        case "version" where segments.count == 1:
            return .json(Self.version)
        case "healthz", "readyz", "livez":
            return APIResponse(status: 200, contentType: "text/plain", body: .bytes(Array("ok".utf8)))
        case "openapi":
            return try openAPI(Array(segments.dropFirst()), request: request)
        case "api":
            if segments.count == 1 { return discoveryRoot(legacy: true, request: request) }
            guard segments.count >= 2 else { throw StatusError.notFoundPath() }
            return try await resourceRequest(
                group: "",
                version: segments[1],
                rest: Array(segments.dropFirst(2)),
                request: request
            )
        case "apis":
            if segments.count == 1 { return discoveryRoot(legacy: false, request: request) }
            guard segments.count >= 3 else { throw StatusError.notFoundPath() }
            return try await resourceRequest(
                group: segments[1],
                version: segments[2],
                rest: Array(segments.dropFirst(3)),
                request: request
            )
        default:
            throw StatusError.notFoundPath()
        }
    }

    static let version: JSONValue = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.3", "gitCommit": "32cc146f75aad04beaaa245a7157eb35063a9f99",
        "gitTreeState": "clean", "buildDate": "2025-03-11T19:52:21Z", "goVersion": "go1.23.6", "compiler": "gc",
        "platform": "linux/amd64",
    ]

    /// `/api/v1/...` and `/apis/<group>/<version>/...`: discovery of one group version, or a resource.
    private func resourceRequest(
        group: String,
        version: String,
        rest: [String],
        request: APIRequest
    ) async throws -> APIResponse {
        guard catalog.groupVersions.contains(where: { $0.group == group && $0.version == version }) else {
            throw StatusError.notFoundPath()
        }
        if rest.isEmpty { return groupVersionDiscovery(group: group, version: version) }
        var rest = rest
        var namespace: String?
        if rest.first == "namespaces", rest.count >= 3,
            catalog.type(group: group, version: version, plural: rest[2])?.namespaced == true
        {
            namespace = rest[1]
            rest.removeFirst(2)
        }
        guard let type = catalog.type(group: group, version: version, plural: rest[0]) else {
            throw StatusError.notFoundPath()
        }
        let name = rest.count > 1 ? rest[1] : nil
        let subresource = rest.count > 2 ? rest[2] : nil
        if let subresource, !type.subresources.contains(subresource) { throw StatusError.notFoundPath() }
        guard rest.count <= 3 else { throw StatusError.notFoundPath() }
        let target = Target(type: type, namespace: namespace, name: name, subresource: subresource)
        try authorize(request, target: target)
        return try await handle(request, target: target)
    }

    private func handle(_ request: APIRequest, target: Target) async throws -> APIResponse {
        switch (request.method, target.name) {
        case ("GET", nil):
            let options = try ListOptions(request)
            if options.watch { return try watch(request, target: target, options: options) }
            return try list(request, target: target, options: options)
        case ("GET", let name?):
            return try get(request, target: target, name: name)
        case ("POST", nil):
            return try createRequest(request, target: target)
        case ("PUT", let name?):
            return try updateRequest(request, target: target, name: name)
        case ("PATCH", let name?):
            return try patchRequest(request, target: target, name: name)
        case ("DELETE", let name?):
            return try deleteRequest(request, target: target, name: name)
        case ("DELETE", nil):
            return try deleteCollection(request, target: target)
        default:
            throw StatusError.methodNotAllowed()
        }
    }

    /// What a request addresses.
    struct Target: Sendable {
        var type: ResourceType
        var namespace: String?
        var name: String?
        var subresource: String?
    }

    // MARK: Authorization

    private func authorize(_ request: APIRequest, target: Target) throws {
        let verb: String
        switch request.method {
        case "GET": verb = target.name == nil ? (request.flag("watch") ? "watch" : "list") : "get"
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = target.name == nil ? "deletecollection" : "delete"
        default: verb = request.method.lowercased()
        }
        let user = request.user
        let namespaceAllowed =
            user.namespaces.map { allowed in target.namespace.map(allowed.contains) ?? false } ?? true
        let verbAllowed = user.verbs.map { $0.contains(verb) } ?? true
        guard namespaceAllowed, verbAllowed else {
            throw StatusError.forbidden(
                user: user.name,
                verb: verb,
                type: target.type,
                name: target.name,
                namespace: target.type.namespaced ? target.namespace : nil,
                subresource: target.subresource
            )
        }
    }
}

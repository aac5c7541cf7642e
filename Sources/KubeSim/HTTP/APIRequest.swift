/// One HTTP request to the simulated API server, reduced to what the handlers read.
struct APIRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    var accept: String
    var contentType: String
    var userAgent: String
    /// The `If-None-Match` header: the entity tags of the copies the client holds.
    var ifNoneMatch: String = ""
    var body: [UInt8]
    /// The authenticated user.
    var user: KubeSimUser

    func flag(_ name: String) -> Bool {
        query[name].map(Self.isTrue) ?? false
    }

    /// A boolean query parameter as the real server's conversion reads it: anything but "0" and "false" (in any
    /// case) is true, an empty value too.
    static func isTrue(_ value: String) -> Bool {
        value != "0" && value.lowercased() != "false"
    }

    var isDryRun: Bool { query["dryRun"] == "All" }

    /// The field manager: the `fieldManager` parameter, else the user agent's program name, as the real server does.
    var fieldManager: String {
        if let manager = query["fieldManager"], !manager.isEmpty { return manager }
        let program = userAgent.split(separator: "/").first.map(String.init) ?? ""
        return program.isEmpty ? "unknown" : program
    }
}

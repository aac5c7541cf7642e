import MooringCore

/// The query of a list or watch, read and checked as a v1.32 server's `ValidateListOptions` does (the WatchList
/// feature on, as it is by default in v1.32). `sendInitialEvents` is not defaulted: the watch cache serves a watch
/// without it from resourceVersion unset or "0" as its legacy case.
struct ListOptions: Sendable {
    var watch: Bool
    /// The requested resourceVersion, as given ("" when unset).
    var resourceVersion: String
    var resourceVersionMatch: String
    var sendInitialEvents: Bool?
    var allowWatchBookmarks: Bool
    /// The page size; 0 for no paging.
    var limit: Int
    var continueToken: String
    var timeoutSeconds: Int?

    init(_ request: APIRequest) throws(StatusError) {
        let query = request.query
        watch = query["watch"].map(APIRequest.isTrue) ?? false
        resourceVersion = query["resourceVersion"] ?? ""
        resourceVersionMatch = query["resourceVersionMatch"] ?? ""
        sendInitialEvents = query["sendInitialEvents"].map(APIRequest.isTrue)
        allowWatchBookmarks = query["allowWatchBookmarks"].map(APIRequest.isTrue) ?? false
        limit = try Self.int(query["limit"], "limit") ?? 0
        continueToken = query["continue"] ?? ""
        timeoutSeconds = try Self.int(query["timeoutSeconds"], "timeoutSeconds")
        let problems = watch ? watchProblems() : listProblems()
        if !problems.isEmpty { throw StatusError.invalidListOptions(problems) }
        if !resourceVersion.isEmpty, UInt(resourceVersion) == nil {
            throw StatusError.badRequest(
                "invalid resource version: resourceVersion: Invalid value: \"\(resourceVersion)\": "
                    + "strconv.ParseUint: parsing \"\(resourceVersion)\": invalid syntax"
            )
        }
    }

    /// The requested resourceVersion as a number; 0 when unset or "0".
    var revision: Int { Int(resourceVersion) ?? 0 }

    private func watchProblems() -> [FieldError] {
        var problems: [FieldError] = []
        if sendInitialEvents != nil, resourceVersionMatch != "NotOlderThan" {
            problems.append(
                .forbidden(
                    "resourceVersionMatch",
                    "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"
                )
            )
        }
        guard !resourceVersionMatch.isEmpty else { return problems }
        if sendInitialEvents == nil {
            problems.append(
                .forbidden(
                    "resourceVersionMatch",
                    "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"
                )
            )
        }
        if resourceVersionMatch != "NotOlderThan" {
            problems.append(
                .notSupported("resourceVersionMatch", .string(resourceVersionMatch), supported: ["NotOlderThan"])
            )
        }
        if !continueToken.isEmpty {
            problems.append(
                .forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided")
            )
        }
        return problems
    }

    private func listProblems() -> [FieldError] {
        var problems: [FieldError] = []
        if !resourceVersionMatch.isEmpty {
            if resourceVersion.isEmpty {
                problems.append(
                    .forbidden(
                        "resourceVersionMatch",
                        "resourceVersionMatch is forbidden unless resourceVersion is provided"
                    )
                )
            }
            if !continueToken.isEmpty {
                problems.append(
                    .forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided")
                )
            }
            if resourceVersionMatch != "Exact", resourceVersionMatch != "NotOlderThan" {
                problems.append(
                    .notSupported(
                        "resourceVersionMatch",
                        .string(resourceVersionMatch),
                        supported: ["Exact", "NotOlderThan", ""]
                    )
                )
            }
            if resourceVersionMatch == "Exact", resourceVersion == "0" {
                problems.append(
                    .forbidden(
                        "resourceVersionMatch",
                        "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""
                    )
                )
            }
        }
        if sendInitialEvents != nil {
            problems.append(.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"))
        }
        return problems
    }

    private static func int(_ text: String?, _ name: String) throws(StatusError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text) else {
            throw StatusError.badRequest("\(name): strconv.ParseInt: parsing \"\(text)\": invalid syntax")
        }
        return value
    }
}

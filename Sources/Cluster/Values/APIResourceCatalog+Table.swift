import Foundation

extension APIResourceCatalog {
    /// Reads `kubectl api-resources -o wide`: columns NAME, SHORTNAMES, APIVERSION, NAMESPACED, KIND, VERBS
    /// and CATEGORIES, each value starting where its header starts (kubectl pads with a tab writer).
    init(table: String, command: KubectlCommand) throws(ClusterError) {
        let lines = table.split(separator: "\n").map(String.init)
        guard let header = lines.first else {
            self.init(resources: [])
            return
        }
        let names = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS", "CATEGORIES"]
        var starts: [String: Int] = [:]
        var offset = 0
        for word in header.split(separator: " ", omittingEmptySubsequences: false) {
            if !word.isEmpty { starts[String(word)] = offset }
            offset += word.count + 1
        }
        guard ["NAME", "APIVERSION", "NAMESPACED", "KIND"].allSatisfy({ starts[$0] != nil }) else {
            throw ClusterError(
                code: .unexpectedOutput,
                message: "kubectl api-resources printed an unknown table header (\(header))",
                command: command.description
            )
        }
        let ordered = names.compactMap { name in starts[name].map { (name, $0) } }.sorted { $0.1 < $1.1 }
        var resources: [APIResource] = []
        for line in lines.dropFirst() {
            let characters = Array(line)
            func column(_ name: String) -> String {
                guard let start = starts[name], start < characters.count else { return "" }
                let next = ordered.first { $0.1 > start }?.1 ?? characters.count
                return String(characters[start..<min(next, characters.count)]).trimmingCharacters(in: .whitespaces)
            }
            let apiVersion = column("APIVERSION")
            let slash = apiVersion.lastIndex(of: "/")
            resources.append(
                APIResource(
                    name: column("NAME"),
                    shortNames: Self.list(column("SHORTNAMES"), separator: ","),
                    group: slash.map { String(apiVersion[..<$0]) } ?? "",
                    version: slash.map { String(apiVersion[apiVersion.index(after: $0)...]) } ?? apiVersion,
                    kind: column("KIND"),
                    namespaced: column("NAMESPACED") == "true",
                    verbs: Self.list(column("VERBS").trimmingCharacters(in: ["[", "]"]), separator: ","),
                    categories: Self.list(column("CATEGORIES"), separator: ",")
                )
            )
        }
        self.init(resources: resources)
    }

    private static func list(_ text: String, separator: Character) -> [String] {
        text.split { $0 == separator || $0 == " " }.map(String.init)
    }
}

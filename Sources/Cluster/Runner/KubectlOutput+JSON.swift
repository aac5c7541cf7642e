import MooringCore

extension KubectlOutput {
    /// Standard output parsed as one JSON value.
    func json() throws(ClusterError) -> JSONValue {
        do {
            return try JSONValue.parse(standardOutput)
        } catch {
            throw ClusterError(
                code: .unexpectedOutput,
                message: "kubectl printed something other than JSON (\(error)); check that \(command.verb) "
                    + "supports -o json in this kubectl version",
                command: command.description,
                exitCode: exitCode
            )
        }
    }

    /// The objects kubectl printed with `-o json`: the items of a List, a single object, or none when it
    /// printed nothing (`--ignore-not-found` with every object missing).
    func objects() throws(ClusterError) -> [JSONValue] {
        guard standardOutput.contains(where: { !Self.isSpace($0) }) else { return [] }
        let value = try json()
        if let kind = value["kind"]?.stringValue, kind.hasSuffix("List"), let items = value["items"]?.arrayValue {
            return items
        }
        return [value]
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r")
    }
}

import Foundation

extension KubectlOutput {
    /// The errors kubectl printed, one entry each with its continuation lines; warnings and klog lines dropped.
    ///
    /// kubectl keeps going after a failed object in a batch and prints one error per failed object, in the
    /// order of the objects — which is how ``ClusterClient/apply(_:force:dryRun:)`` tells them apart.
    public var errorEntries: [String] {
        var entries: [String] = []
        for line in standardError.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.lowercased().hasPrefix("warning:") || Self.isKlogLine(line) { continue }
            if Self.startsEntry(line) || entries.isEmpty {
                if !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { entries.append(String(line)) }
            } else {
                entries[entries.count - 1] += "\n" + line
            }
        }
        return entries.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// This output when kubectl succeeded; otherwise the first error it printed, classified.
    public func checked() throws(ClusterError) -> KubectlOutput {
        guard !succeeded else { return self }
        throw failure()
    }

    /// The first error kubectl printed, classified (a generic failure when it printed none).
    func failure() -> ClusterError {
        ClusterError(kubectlError: errorEntries.first ?? "", command: command, exitCode: exitCode)
    }

    private static func startsEntry(_ line: Substring) -> Bool {
        line.hasPrefix("error:") || line.hasPrefix("Error from server") || line.hasPrefix("The connection to")
            || line.hasPrefix("Unable to connect") || (line.hasPrefix("The ") && line.contains(" is invalid"))
    }

    /// `E0612 10:11:12.123456   12345 file.go:12] message`: client-go's own logging, not an error kubectl returns.
    private static func isKlogLine(_ line: Substring) -> Bool {
        guard let first = line.first, "IWEF".contains(first) else { return false }
        let digits = line.dropFirst().prefix(4)
        return digits.count == 4 && digits.allSatisfy(\.isNumber)
    }
}

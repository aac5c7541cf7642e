import Foundation
public import Manifests
import MooringCore

extension ModelSummary {
    /// A digest of the model as git deploys it — its versions and their records, the canary and its traffic, its
    /// analysis and monitors, its objects and where it is defined: an aborted canary is held out of traffic until
    /// this changes, and an analysis starts afresh when it does.
    public var guardrailFingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(self)).map { [UInt8]($0) } ?? Array(qualifiedName.utf8)
        return StableHash.hex(of: bytes)
    }
}

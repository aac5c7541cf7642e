import Foundation
public import GitSource
import MooringCore

extension SignatureVerifier {
    /// The verifier of the host configuration's `source.verify` trust files; each verifier process may take as
    /// long as one git operation (`source.timeout`).
    public init(source: SourceSettings) {
        self.init(
            allowedSignersFile: source.allowedSignersFile,
            gpgKeyringFile: source.gpgKeyringFile,
            timeout: source.timeout
        )
    }

    /// A fingerprint of the trust files' contents as they are now: a verdict reached under another one is stale.
    var trustFingerprint: String {
        let contents = [allowedSignersFile, gpgKeyringFile].map { file in
            file.flatMap { FileManager.default.contents(atPath: $0) }.map { StableHash.hex(of: Array($0)) } ?? "-"
        }
        return contents.joined(separator: "/")
    }
}

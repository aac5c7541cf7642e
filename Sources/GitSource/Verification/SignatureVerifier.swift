// Folder GitSource/Verification: commit signature checks with `ssh-keygen` and `gpg`.

import Foundation

/// Checks a commit's signature the way git does, trusting only the keys of the host's trust files: an
/// allowed_signers file for SSH signatures (`ssh-keygen -Y verify`, namespace `git`), an OpenPGP keyring for
/// `gpg` signatures. Each check runs in a private folder (0700) that holds copies of the signature and the signed
/// payload (0600) and is removed afterwards.
///
/// Key validity (`valid-after`, `valid-before`, OpenPGP expiry) is judged at the time of verification, as
/// `ssh-keygen` does by default, not at the commit's date: a committer chooses that date.
public struct SignatureVerifier: Sendable {
    /// The allowed_signers file (`ssh-keygen` format) that SSH signatures are checked against.
    public var allowedSignersFile: String?
    /// The OpenPGP keys (binary or armored) that `gpg` signatures are checked against.
    public var gpgKeyringFile: String?
    /// The longest one verifier process may take.
    public var timeout: Duration
    /// `ssh-keygen`, by path or by name on `PATH`.
    public var sshKeygen = "ssh-keygen"
    /// `gpg`, by path or by name on `PATH`.
    public var gpg = "gpg"

    public init(allowedSignersFile: String?, gpgKeyringFile: String?, timeout: Duration = .seconds(30)) {
        self.allowedSignersFile = allowedSignersFile
        self.gpgKeyringFile = gpgKeyringFile
        self.timeout = timeout
    }

    /// The verdict on a commit whose signature is `signature` (nil: unsigned). Throws only when a verifier could
    /// not run to its end (missing, timed out, a trust file gone, its files could not be written): no verdict, try
    /// again later.
    public func verify(_ signature: CommitSignature?) async throws(GitSourceError) -> SignatureVerdict {
        guard let signature else {
            return .rejected(SignatureRejection(reason: .unsigned, message: "the commit is not signed"))
        }
        switch signature.format {
        case .ssh, .openpgp:
            let ssh = signature.format == .ssh
            guard let trustFile = ssh ? allowedSignersFile : gpgKeyringFile else {
                return .rejected(
                    Self.notConfigured(
                        ssh ? "an SSH key" : "an OpenPGP key",
                        trustFile: ssh ? "allowedSignersFile" : "gpgKeyringFile"
                    )
                )
            }
            guard FileManager.default.isReadableFile(atPath: trustFile) else {
                throw GitSourceError(
                    code: .verifierFailed,
                    message: "the trust file \(trustFile) cannot be read; restore it or correct source.verify",
                    path: trustFile
                )
            }
            let folder = try PrivateFolder()
            defer { folder.remove() }
            return ssh
                ? try await verifySSH(signature, allowedSigners: trustFile, in: folder)
                : try await verifyOpenPGP(signature, keyring: trustFile, in: folder)
        case .x509, .unknown:
            return .rejected(
                SignatureRejection(
                    reason: .unsupportedFormat,
                    message: "signed in a format Mooring cannot verify (\(signature.format.rawValue)); sign commits "
                        + "with an SSH or OpenPGP key"
                )
            )
        }
    }

    private static func notConfigured(_ key: String, trustFile: String) -> SignatureRejection {
        SignatureRejection(
            reason: .formatNotConfigured,
            message: "signed with \(key), but source.verify.\(trustFile) is not configured; set it to a file "
                + "holding the signer's public key to trust such signatures"
        )
    }

    /// The first line of a verifier's error output that says something, for messages.
    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
    }
}

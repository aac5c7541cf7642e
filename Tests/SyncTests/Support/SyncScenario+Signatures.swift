import Foundation
import GitSource
import Logging
import ScenarioSupport
import Sync
import TestSupport

extension SyncScenario {
    /// Turns on `source.verify` with `mode`, trusting the SSH keys of the `allowedSigners` lines (written to an
    /// allowed_signers file) and the OpenPGP key `openPGP` (exported to a keyring file), then restarts Mooring.
    func requireSignatures(
        _ mode: String,
        allowedSigners: [String] = [],
        openPGP: SigningKey? = nil
    ) async throws -> SyncEngine {
        var files: [String] = []
        if !allowedSigners.isEmpty {
            let path = directory.appendingPathComponent("allowed_signers").path
            try (allowedSigners.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            files.append("allowedSignersFile: \(path)")
        }
        if let key = openPGP {
            let path = directory.appendingPathComponent("trusted.gpg").path
            try await onOwnThread { try key.exportPublicKey(to: path) }
            files.append("gpgKeyringFile: \(path)")
        }
        var policy = HostPolicy()
        policy.verify = "{mode: \(mode), \(files.joined(separator: ", "))}"
        try configure(policy)
        return try start()
    }

    /// Starts Mooring as `start()` does, but checking SSH signatures with the program at `sshKeygen`.
    func start(sshKeygen: String) throws -> SyncEngine {
        let configuration = try MooringConfiguration.load(from: configurationPath)
        var verifier = SignatureVerifier(source: configuration.source)
        verifier.sshKeygen = sshKeygen
        return try SyncEngine(
            configuration: configuration,
            logger: Logger(label: "mooring", factory: { _ in SwiftLogNoOpLogHandler() }),
            signatureVerifier: verifier
        )
    }

    /// A new SSH signing key `name` in the scenario's folder.
    func sshKey(_ name: String) async throws -> SigningKey {
        let directory = directory
        return try await onOwnThread { try SigningKey.ssh(in: directory, name: name) }
    }

    /// Commits everything in the working clone, signed with `key`, and pushes it; returns the commit id.
    @discardableResult
    func pushSigned(_ message: String, with key: SigningKey) async throws -> String {
        try await git { repository in
            let id = try repository.commitSigned(message, with: key)
            try repository.push()
            return id
        }
    }
}

extension SyncScenario {
    /// Sets churn-predictor's replicas to `replicas` in git, commits it signed with `key` (unsigned when nil),
    /// pushes, and syncs with `engine`: the new commit and the report.
    func syncChurnReplicas(
        _ replicas: Int,
        signedWith key: SigningKey?,
        engine: SyncEngine
    ) async throws -> (commit: String, report: SyncReport) {
        try scaleChurnInGit(to: replicas)
        let message = "churn on \(replicas) replicas"
        let commit: String
        if let key {
            commit = try await pushSigned(message, with: key)
        } else {
            commit = try await push(message)
        }
        return (commit, await engine.sync())
    }

    /// Sets churn-predictor's replicas (min and max) to `replicas` in the working clone, whatever they were.
    func scaleChurnInGit(to replicas: Int) throws {
        let path = "models/churn-predictor/deployment.yaml"
        let text = try read(path)
        let scaled = text.replacingOccurrences(
            of: #"replicas:\n    min: \d+\n    max: \d+"#,
            with: "replicas:\n    min: \(replicas)\n    max: \(replicas)",
            options: .regularExpression
        )
        guard scaled != text || text.contains("min: \(replicas)\n") else {
            throw ScenarioError(description: "\(path) has no replicas to scale")
        }
        try write(path, scaled)
    }
}

extension SyncReport {
    /// The only `signature_rejected` event of this sync, if any.
    var signatureRejection: SyncEvent? {
        events(.signatureRejected).first
    }
}

import Foundation
import GitSource
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: signed commits (source.verify)")
struct SignatureScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test("a commit signed by an allowed SSH signer is applied")
    func allowedSSHSigner() async throws {
        try await withDeployedScenario { scenario, _, _ in
            let key = try await scenario.sshKey("ada")
            let engine = try await scenario.requireSignatures(
                "head",
                allowedSigners: [
                    try key.allowedSignersLine(principal: "ada@example.com", options: #"namespaces="git""#)
                ]
            )
            let (signed, report) = try await scenario.syncChurnReplicas(4, signedWith: key, engine: engine)

            #expect(report.target?.outcome == .applied, "\(report.allEvents)")
            #expect(report.target?.commit?.hex == signed)
            #expect(report.signatureRejection == nil)
            #expect(try await scenario.churnReplicas() == 4)
        }
    }

    @Test("an unsigned tip is refused once: nothing applied, the old version serves and drift on it is healed; exit 1")
    func unsignedTip() async throws {
        try await withDeployedScenario { scenario, _, _ in
            let key = try await scenario.sshKey("ada")
            let engine = try await scenario.requireSignatures(
                "head",
                allowedSigners: [try key.allowedSignersLine(principal: "ada@example.com")]
            )
            // What serves is a signed commit: only what a verified commit holds is ever re-applied (a heal).
            try scenario.write(
                "cluster/signed.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: signed, namespace: ml-prod}\n"
            )
            try await scenario.pushSigned("a signed commit serves", with: key)
            #expect(await engine.sync().target?.outcome == .applied)
            scenario.sim.resetRequests()
            let (unsigned, first) = try await scenario.syncChurnReplicas(4, signedWith: nil, engine: engine)

            #expect(first.target?.outcome == .refused, "\(first.allEvents)")
            let rejection = try #require(first.signatureRejection, "\(first.allEvents)")
            #expect(rejection.fields["commit"] == unsigned)
            #expect(rejection.fields["reason"] == "unsigned")
            #expect(rejection.fields["author"] == "Ada Author <ada@example.com>")
            #expect(rejection.message.contains("not signed"), "\(rejection.message)")
            #expect(scenario.changes() == [], "a refused commit writes nothing")
            #expect(try await scenario.churnReplicas() == 3)

            try await scenario.scaleChurnByHand()
            let second = await engine.sync()
            #expect(second.target?.outcome == .refused, "\(second.allEvents)")
            #expect(second.signatureRejection == nil, "raised once per commit, not every poll")
            #expect(second.events(.driftHealed).map { $0.fields["object"] } == [Example.churnDeployment.description])
            #expect(try await scenario.churnReplicas() == 3)

            let refused = try scenario.journal.history().entries.filter {
                $0.result == .refused && $0.commit == unsigned
            }
            #expect(refused.count == 1, "one history entry for the refused commit")
            #expect(refused.first?.message?.contains("signature rejected (unsigned)") == true, "\(refused)")
            let command = try await scenario.mooring("sync")
            #expect(command.status == 1, "\(command.stderr)")
            #expect(command.stdout.contains("default: refused"), "\(command.stdout)")
        }
    }

    @Test("an SSH key that allowed_signers does not list is refused, naming the key; once added, the commit applies")
    func unknownSSHKey() async throws {
        try await withDeployedScenario { scenario, _, _ in
            let trusted = try await scenario.sshKey("ada")
            let stranger = try await scenario.sshKey("mallory")
            let engine = try await scenario.requireSignatures(
                "head",
                allowedSigners: [try trusted.allowedSignersLine(principal: "ada@example.com")]
            )
            let report = try await scenario.syncChurnReplicas(4, signedWith: stranger, engine: engine).report

            #expect(report.target?.outcome == .refused, "\(report.allEvents)")
            let rejection = try #require(report.signatureRejection, "\(report.allEvents)")
            #expect(rejection.fields["reason"] == "unknown-key")
            #expect(rejection.message.contains("SSH key SHA256:"), "\(rejection.message)")
            #expect(try await scenario.churnReplicas() == 3)

            let lines = [
                try trusted.allowedSignersLine(principal: "ada@example.com"),
                try stranger.allowedSignersLine(principal: "mallory@example.com"),
            ]
            try lines.joined(separator: "\n").write(
                toFile: scenario.directory.appendingPathComponent("allowed_signers").path,
                atomically: true,
                encoding: .utf8
            )
            let trustedNow = await engine.sync()
            #expect(trustedNow.target?.outcome == .applied, "a changed allowed_signers file is read again, no restart")
            #expect(try await scenario.churnReplicas() == 4)
        }
    }

    @Test("a signer allowed only for another namespace is refused")
    func otherNamespace() async throws {
        try await withDeployedScenario { scenario, _, _ in
            let key = try await scenario.sshKey("ada")
            let engine = try await scenario.requireSignatures(
                "head",
                allowedSigners: [
                    try key.allowedSignersLine(principal: "ada@example.com", options: #"namespaces="file""#)
                ]
            )
            let report = try await scenario.syncChurnReplicas(4, signedWith: key, engine: engine).report

            #expect(report.target?.outcome == .refused, "\(report.allEvents)")
            #expect(report.signatureRejection?.fields["reason"] == "wrong-namespace", "\(report.allEvents)")
            #expect(try await scenario.churnReplicas() == 3)
        }
    }

    @Test("a good OpenPGP signature by a key of the keyring is applied; a key outside it is refused")
    func openPGP() async throws {
        try await withDeployedScenario { scenario, _, _ in
            let trusted = try await onOwnThread {
                try SigningKey.openpgp(in: scenario.directory, name: "Ada", email: "ada@example.com")
            }
            let stranger = try await onOwnThread {
                try SigningKey.openpgp(in: scenario.directory, name: "Mallory", email: "mallory@example.com")
            }
            defer {
                try? trusted.stopAgent()
                try? stranger.stopAgent()
            }
            let engine = try await scenario.requireSignatures("head", openPGP: trusted)

            let (signed, applied) = try await scenario.syncChurnReplicas(4, signedWith: trusted, engine: engine)
            #expect(applied.target?.outcome == .applied, "\(applied.allEvents)")
            #expect(applied.target?.commit?.hex == signed)
            #expect(try await scenario.churnReplicas() == 4)

            let refused = try await scenario.syncChurnReplicas(5, signedWith: stranger, engine: engine).report
            #expect(refused.target?.outcome == .refused, "\(refused.allEvents)")
            let rejection = try #require(refused.signatureRejection, "\(refused.allEvents)")
            #expect(rejection.fields["reason"] == "unknown-key", "\(rejection.message)")
            #expect(rejection.message.contains("OpenPGP key"), "\(rejection.message)")
            #expect(try await scenario.churnReplicas() == 4)
        }
    }

    @Test("on a first sync an unsigned tip deploys nothing")
    func unsignedFirstSync() async throws {
        try await withSyncScenario { scenario in
            let engine = try await scenario.requireSignatures(
                "strict",
                allowedSigners: [try await scenario.sshKey("ada").allowedSignersLine(principal: "ada@example.com")]
            )
            let report = await engine.sync()

            #expect(report.target?.outcome == .refused, "\(report.allEvents)")
            #expect(report.signatureRejection?.fields["reason"] == "unsigned", "\(report.allEvents)")
            #expect(scenario.changes() == [])
            #expect(await scenario.live(Example.churnDeployment) == nil)
        }
    }

    @Test("strict mode checks a tip reset to an older, unsigned commit")
    func strictResetToUnsigned() async throws {
        try await withDeployedScenario { scenario, _, first in
            let key = try await scenario.sshKey("ada")
            let engine = try await scenario.requireSignatures(
                "strict",
                allowedSigners: [try key.allowedSignersLine(principal: "ada@example.com")]
            )
            let applied = try await scenario.syncChurnReplicas(4, signedWith: key, engine: engine).report
            try #require(applied.target?.outcome == .applied, "\(applied.allEvents)")
            let unsigned = try #require(first.commit?.hex)
            try await scenario.git { repository in
                try repository.git("reset", "--quiet", "--hard", unsigned)
                try repository.push(force: true)
            }
            let report = await engine.sync()

            #expect(report.target?.outcome == .refused, "\(report.allEvents)")
            #expect(report.signatureRejection?.fields["rejectedCommit"] == unsigned, "\(report.allEvents)")
            #expect(try await scenario.churnReplicas() == 4)
        }
    }

    @Test("a commit is verified once per process, and not at all on a poll that finds nothing new")
    func verifiedOnce() async throws {
        try await withDeployedScenario { scenario, _, _ in
            let trusted = try await scenario.sshKey("ada")
            let stranger = try await scenario.sshKey("mallory")
            _ = try await scenario.requireSignatures(
                "head",
                allowedSigners: [try trusted.allowedSignersLine(principal: "ada@example.com")]
            )
            // ssh-keygen behind a script that notes each run.
            let runs = scenario.directory.appendingPathComponent("ssh-keygen-runs").path
            let watched = scenario.directory.appendingPathComponent("watched-ssh-keygen").path
            try "#!/bin/sh\necho \"$2\" >> '\(runs)'\nexec ssh-keygen \"$@\"\n"
                .write(toFile: watched, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: watched)
            let engine = try scenario.start(sshKeygen: watched)
            func verifierRuns() -> [String] {
                ((try? String(contentsOfFile: runs, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            }

            let refused = try await scenario.syncChurnReplicas(4, signedWith: stranger, engine: engine).report
            #expect(refused.signatureRejection?.fields["reason"] == "unknown-key", "\(refused.allEvents)")
            #expect(verifierRuns() == ["find-principals", "check-novalidate"])
            #expect(await engine.sync().target?.outcome == .refused)
            #expect(verifierRuns().count == 2, "the refused commit is not verified again")

            let applied = try await scenario.syncChurnReplicas(5, signedWith: trusted, engine: engine).report
            #expect(applied.target?.outcome == .applied, "\(applied.allEvents)")
            #expect(verifierRuns() == ["find-principals", "check-novalidate", "find-principals", "verify"])
            #expect(await engine.sync().target?.outcome == .inSync)
            #expect(verifierRuns().count == 4, "a poll with no new commit verifies nothing")
        }
    }

    @Test("a verifier that cannot run fails the sync without refusing the commit; it applies once verified")
    func verifierMissing() async throws {
        try await withDeployedScenario { scenario, _, _ in
            let key = try await scenario.sshKey("ada")
            _ = try await scenario.requireSignatures(
                "head",
                allowedSigners: [try key.allowedSignersLine(principal: "ada@example.com")]
            )
            let broken = try scenario.start(sshKeygen: scenario.directory.appendingPathComponent("missing").path)
            let (signed, failed) = try await scenario.syncChurnReplicas(4, signedWith: key, engine: broken)

            #expect(failed.target?.outcome == .failed, "\(failed.allEvents)")
            #expect(failed.events(.syncFailed).first?.message.contains("verifying the signature") == true)
            #expect(failed.signatureRejection == nil)
            #expect(try scenario.journalState().refusedCommit == nil)
            #expect(try await scenario.churnReplicas() == 3)

            let report = try await scenario.start().sync(ignoringBackoff: true)
            #expect(report.target?.outcome == .applied, "\(report.allEvents)")
            #expect(report.target?.commit?.hex == signed)
        }
    }

    @Test("verify on without a trust file is a configuration error naming the keys: mooring sync exits 2")
    func verifyWithoutTrustFile() async throws {
        try await withSyncScenario { scenario in
            var policy = HostPolicy()
            policy.verify = "{mode: strict}"
            try scenario.configure(policy)
            let command = try await scenario.mooring("sync")

            #expect(command.status == 2, "\(command.stderr)")
            #expect(
                command.stderr.contains("strict needs verify.allowedSignersFile or verify.gpgKeyringFile"),
                "\(command.stderr)"
            )
            #expect(scenario.changes() == [])
        }
    }

    @Test("strict mode refuses a signed tip whose parent since the last applied commit is unsigned")
    func strictUnsignedParent() async throws {
        try await withDeployedScenario { scenario, _, _ in
            let key = try await scenario.sshKey("ada")
            let allowed = [try key.allowedSignersLine(principal: "ada@example.com")]
            let engine = try await scenario.requireSignatures("strict", allowedSigners: allowed)
            try scenario.scaleChurnInGit(to: 4)
            let unsigned = try await scenario.git { try $0.commit("churn on 4 replicas, unsigned") }
            let (tip, report) = try await scenario.syncChurnReplicas(5, signedWith: key, engine: engine)

            #expect(report.target?.outcome == .refused, "\(report.allEvents)")
            let rejection = try #require(report.signatureRejection, "\(report.allEvents)")
            #expect(rejection.fields["commit"] == tip)
            #expect(rejection.fields["rejectedCommit"] == unsigned)
            #expect(rejection.fields["reason"] == "unsigned")
            #expect(try await scenario.churnReplicas() == 3)

            let head = try await scenario.requireSignatures("head", allowedSigners: allowed)
            #expect(await head.sync().target?.outcome == .applied, "head mode checks the tip alone")
            #expect(try await scenario.churnReplicas() == 5)
        }
    }
}

extension SyncScenario {
    /// churn-predictor's Deployment replicas as the cluster holds them.
    fileprivate func churnReplicas() async throws -> JSONValue? {
        try #require(await live(ExampleDeployFolder.churnDeployment))[path: "spec.replicas"]
    }
}

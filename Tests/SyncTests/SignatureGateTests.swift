import Foundation
import GitSource
import Testing

@testable import Sync

/// The `signature_rejected` event's text, for the commit itself and for one of the commits before it.
@Suite("Signature gate")
struct SignatureGateTests {
    private static let tip = SyncFixtures.commit
    private static let earlier = CommitID(String(repeating: "c3", count: 20))!
    private static let rejection = SignatureRejection(reason: .unsigned, message: "no signature")

    private static func info(_ id: CommitID) -> CommitInfo {
        let person = CommitPerson(name: "Ada", email: "ada@example.com", time: Date(), utcOffsetMinutes: 0)
        return CommitInfo(id: id, author: person, committer: person, message: "Tune\n", summary: "Tune", parents: [])
    }

    @Test("a rejected tip is named with its author")
    func tipRejected() {
        let event = SignatureGate.rejection(
            Self.tip,
            Self.rejection,
            at: Self.tip,
            info: Self.info(Self.tip),
            lastApplied: nil
        )
        #expect(event.name == .signatureRejected)
        #expect(
            event.message
                == "commit \(Self.tip.short) by Ada <ada@example.com> refused, nothing applied: "
                + "signature rejected (unsigned): no signature"
        )
        #expect(event.details.author == "Ada <ada@example.com>")
        #expect(event.details.reason == "unsigned")
    }

    @Test("a rejected commit before the tip is named with its summary and the last applied commit")
    func earlierRejected() {
        let last = String(repeating: "d4", count: 20)
        let event = SignatureGate.rejection(
            Self.tip,
            Self.rejection,
            at: Self.earlier,
            info: Self.info(Self.earlier),
            lastApplied: last
        )
        #expect(
            event.message
                == "commit \(Self.tip.short) refused, nothing applied: \(Self.earlier.short) by Ada <ada@example.com> "
                + "(\"Tune\"), one of the commits since the last applied \(last.prefix(12)), has its "
                + "signature rejected (unsigned): no signature"
        )
        #expect(event.details.rejectedCommit == Self.earlier)
        let unknown = SignatureGate.rejection(Self.tip, Self.rejection, at: Self.earlier, info: nil, lastApplied: nil)
        #expect(unknown.message.contains("by unknown (\"\"), one of the commits since the last applied none"))
    }
}

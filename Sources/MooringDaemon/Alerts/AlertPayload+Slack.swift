import Foundation
import MooringCore
import Sync

extension AlertPayload {
    /// Events listed in one Slack message; Slack cuts a message's text at 40,000 characters.
    static let slackLineLimit = 50

    /// A Slack incoming-webhook message: `{"text": …}` with a heading line and one line per notice — severity,
    /// event name, target and message (which names the object, fields and field manager of a drift; a resolved
    /// condition says `resolved` and why, with the first line of the message that raised it) — for the first
    /// `slackLineLimit` notices, then how many more there were.
    static func slackMessage(_ notices: [AlertNotice], origin: Origin) -> JSONValue {
        var lines = notices.prefix(slackLineLimit).map { notice in
            let event = notice.event
            let target = event.details.target.map { " [\(slackEscaped($0))]" } ?? ""
            guard let resolution = notice.resolution else {
                return "\(slackEmoji(event.severity)) *\(event.name)*\(target) \(slackEscaped(event.message))"
            }
            let raised = event.message.split(separator: "\n").first.map(String.init) ?? ""
            return ":white_check_mark: *\(event.name)*\(target) resolved: \(slackEscaped(resolution))"
                + " (was: \(slackEscaped(raised)))"
        }
        if notices.count > slackLineLimit { lines.append("… and \(notices.count - slackLineLimit) more events") }
        let heading = "Mooring on \(slackEscaped(origin.host)):"
        return ["text": .string(([heading] + lines).joined(separator: "\n"))]
    }

    private static func slackEmoji(_ severity: SyncEvent.Severity) -> String {
        switch severity {
        case .info: ":information_source:"
        case .warning: ":warning:"
        case .error: ":rotating_light:"
        }
    }

    /// Slack reads `&`, `<` and `>` as markup (`<!channel>` notifies everyone): they are sent as entities.
    static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

import Foundation
import Sync

/// The lasting conditions raised and not cleared yet (drift on an object, a refused commit, a blocked prune, an
/// unhealthy apply, an unreachable source, a lost leadership), each with a stable identity and the time it started.
///
/// Each sync's report turns into notices: point events as they are; an event that starts or changes a condition
/// as a firing notice (keeping the start time of a condition already firing); a condition the report shows
/// cleared as one resolved notice; and a condition the report shows holding that this process never saw raised
/// (the engine raises each condition once, and a daemon restarted since keeps no alerts) as a firing notice.
struct AlertTracker: Sendable {
    private var active: [AlertKey: AlertNotice] = [:]

    /// The conditions still firing, oldest first: what is sent to an Alertmanager again and again.
    var firing: [AlertNotice] {
        active.values.sorted { ($0.startsAt, $0.event.name.rawValue) < ($1.startsAt, $1.event.name.rawValue) }
    }

    /// The notices for `events` raised outside a sync (leadership, live guardrails): `leader_lost` fires until a
    /// `leader_acquired`, `model_degraded` until the `model_recovered` of the same monitor.
    mutating func notices(for events: [SyncEvent], at now: Date) -> [AlertNotice] {
        var notices: [AlertNotice] = []
        for event in events {
            if event.name == .leaderAcquired {
                notices += resolve(at: now) { key in
                    key.name == .leaderLost ? AlertCondition.leadershipLost.resolution(key, after: nil) : nil
                }
            }
            if event.name == .modelRecovered {
                let recovered = AlertKey(event)
                notices += resolve(at: now) { key in
                    key.name == .modelDegraded && key.target == recovered.target && key.subject == recovered.subject
                        ? AlertCondition.modelDegraded.resolution(key, after: nil) : nil
                }
            }
            guard let condition = AlertCondition(raisedBy: event.name) else {
                notices.append(.point(event, at: now))
                continue
            }
            let key = AlertKey(event)
            if condition == .refusal {
                // A commit refused for another reason replaces the refusal alert of its target.
                notices += resolve(at: now) { other in
                    other.target == key.target && other.name != key.name
                        && AlertCondition(raisedBy: other.name) == .refusal ? "another commit was refused" : nil
                }
            }
            // The same event again (a rollout found unhealthy at each retry) changes nothing.
            guard active[key]?.event != event else { continue }
            var notice = active[key] ?? AlertNotice(event: event, status: .firing, startsAt: now)
            notice.event = event
            active[key] = notice
            notices.append(notice)
        }
        return notices
    }

    /// The notices for one sync's report: its events, the conditions it shows cleared, and those it shows holding
    /// that were not raised in this process.
    mutating func notices(for report: SyncReport, at now: Date) -> [AlertNotice] {
        let raised = Set(report.allEvents.filter { AlertCondition(raisedBy: $0.name) != nil }.map(AlertKey.init))
        var notices = notices(for: report.allEvents, at: now)
        notices += resolve(at: now) { key in
            guard !raised.contains(key), let condition = AlertCondition(raisedBy: key.name),
                condition.holds(key, after: report) == false
            else { return nil }
            return condition.resolution(key, after: report)
        }
        for event in Self.held(in: report) where !active.keys.contains(where: { Self.same($0, AlertKey(event)) }) {
            notices += self.notices(for: [event], at: now)
        }
        return notices
    }

    /// The notices when another host is seen holding the Lease: a `leader_lost` raised here is resolved, since the
    /// cluster has a leader that syncs again.
    mutating func notices(forLeader holder: String, at now: Date) -> [AlertNotice] {
        resolve(at: now) { key in key.name == .leaderLost ? "\(holder) holds the Lease and syncs" : nil }
    }

    /// Ends the conditions for which `reason` gives a resolution, as resolved notices.
    private mutating func resolve(
        at now: Date,
        _ reason: (AlertKey) -> String?
    ) -> [AlertNotice] {
        var resolved: [AlertNotice] = []
        for (key, notice) in active {
            guard let resolution = reason(key) else { continue }
            active[key] = nil
            resolved.append(
                AlertNotice(
                    event: notice.event,
                    status: .resolved,
                    startsAt: notice.startsAt,
                    endsAt: now,
                    resolution: resolution
                )
            )
        }
        return resolved.sorted { $0.startsAt < $1.startsAt }
    }

    /// Whether two keys name the same condition: a refusal is one per target, whatever event raised it.
    private static func same(_ key: AlertKey, _ other: AlertKey) -> Bool {
        guard AlertCondition(raisedBy: key.name) == .refusal else { return key == other }
        return key.target == other.target && AlertCondition(raisedBy: other.name) == .refusal
    }
}

// Folder MooringDaemon/Alerts: alert conditions, payloads and their delivery.

import Foundation
import Glibc
public import Logging
public import ServiceLifecycle
public import Sync
import Synchronization
import Timing

/// Posts the events of every sync to the alert webhook (`alerts.webhookUrlFile`) in `alerts.format`, without ever
/// holding up a sync.
///
/// Lasting conditions (drift, a refused commit, a blocked prune, an unhealthy apply, an unreachable source, a lost
/// leadership) go through an ``AlertTracker``: one firing notice when a condition starts or changes, one resolved
/// notice when a later sync shows it cleared; to an Alertmanager, conditions still firing are also posted again
/// every `resendInterval`, with the same labels and `startsAt`. Point events (a deploy, a healed drift) are posted
/// once. A one-shot sync (`tracksConditions: false`) posts its events as they are.
///
/// The loop hands each report to `submit(_:)`, which only queues: a bounded queue whose oldest messages are dropped
/// (and the drop logged with a count) when a receiver falls behind. Delivery runs on this service's own task, one
/// message at a time, in order, each retried as `AlertDeliveryOptions` says. On a graceful shutdown the messages
/// still queued are delivered until `flushTimeout` has passed; what is left is logged as undelivered.
///
/// Run it before the sync loop in the ServiceGroup's list: the group shuts services down in reverse order, so the
/// loop's last report is queued before the flush begins.
public final class AlertDispatcher: Service, Sendable {
    private let client: WebhookClient
    private let format: AlertSettings.Format
    private let options: AlertDeliveryOptions
    private let logger: Logger
    private let host: String
    private let queue: AsyncStream<AlertPayload>
    private let continuation: AsyncStream<AlertPayload>.Continuation
    /// Messages queued or being delivered.
    private let pending = Mutex(0)
    /// Whether lasting conditions fire and resolve (the daemon), or every event is posted as it is (a one-shot
    /// sync).
    private let tracksConditions: Bool
    /// The conditions firing.
    private let tracker = Mutex(AlertTracker())

    public init(
        webhook: AlertWebhook,
        format: AlertSettings.Format,
        options: AlertDeliveryOptions = AlertDeliveryOptions(),
        tracksConditions: Bool = true,
        logger: Logger
    ) {
        client = WebhookClient(webhook: webhook, timeout: options.requestTimeout)
        self.format = format
        self.options = options
        var logger = logger
        logger[metadataKey: "webhookUrlFile"] = .string(webhook.file)
        self.logger = logger
        host = Self.hostName()
        (queue, continuation) = AsyncStream.makeStream(
            of: AlertPayload.self,
            bufferingPolicy: .bufferingNewest(options.capacity)
        )
        self.tracksConditions = tracksConditions
    }

    /// The dispatcher `configuration.alerts` asks for, or `nil` when it names no webhook; the webhook file is read
    /// now, so a missing or malformed one stops the daemon at start with a configuration error.
    public static func configured(
        by configuration: MooringConfiguration,
        options: AlertDeliveryOptions = AlertDeliveryOptions(),
        tracksConditions: Bool = true,
        logger: Logger
    ) throws(ConfigurationError) -> AlertDispatcher? {
        guard let file = configuration.alerts.webhookURLFile else { return nil }
        let webhook = try AlertWebhook(
            readingFrom: file,
            configurationFile: configuration.file,
            configurationLine: configuration.alerts.webhookURLFileLine
        )
        var options = options
        options.resendInterval = configuration.alerts.resendInterval
        return AlertDispatcher(
            webhook: webhook,
            format: configuration.alerts.format,
            options: options,
            tracksConditions: tracksConditions,
            logger: logger
        )
    }

    /// Queues the notices of `report` for delivery and returns at once.
    public func submit(_ report: SyncReport) {
        let now = Date()
        guard tracksConditions else { return enqueue(report.allEvents.map { .point($0, at: now) }, at: now) }
        // Queued under the tracker's lock, so a re-send never overtakes the resolution that ended it.
        tracker.withLock { enqueue($0.notices(for: report, at: now), at: now) }
    }

    /// Queues `events` raised outside a sync (such as `leader_acquired`) for delivery and returns at once.
    public func submit(_ events: [SyncEvent]) {
        let now = Date()
        guard tracksConditions else { return enqueue(events.map { .point($0, at: now) }, at: now) }
        tracker.withLock { enqueue($0.notices(for: events, at: now), at: now) }
    }

    /// Tells the tracker that another host holds the Lease, which resolves this host's `leader_lost`.
    public func leaderSeen(_ holder: String) {
        let now = Date()
        guard tracksConditions else { return }
        tracker.withLock { enqueue($0.notices(forLeader: holder, at: now), at: now) }
    }

    private func enqueue(_ notices: [AlertNotice], at now: Date) {
        let payloads = AlertPayload.payloads(
            for: notices,
            format: format,
            origin: AlertPayload.Origin(host: host, time: now)
        )
        var dropped: [AlertPayload] = []
        var notSent: [AlertPayload] = []
        for payload in payloads {
            pending.withLock { $0 += 1 }
            switch continuation.yield(payload) {
            case .enqueued: break
            case .dropped(let oldest): dropped.append(oldest)
            case .terminated: notSent.append(payload)
            @unknown default: notSent.append(payload)
            }
        }
        pending.withLock { $0 -= dropped.count + notSent.count }
        if !dropped.isEmpty {
            logger.warning(
                "alert queue full (\(options.capacity) messages): dropped the \(dropped.count) oldest, undelivered: \(Self.names(dropped))",
                metadata: ["dropped": .stringConvertible(dropped.count)]
            )
        }
        if !notSent.isEmpty {
            logger.warning("shutting down: alerts not sent: \(Self.names(notSent))")
        }
    }

    /// Delivers queued messages until a graceful shutdown's flush deadline, or cancellation; meanwhile posts the
    /// conditions still firing to an Alertmanager every `resendInterval`.
    public func run() async {
        await Race.first {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.resendWhileFiring() }
                await self.deliverQueued()
                group.cancelAll()
            }
        } or: {
            // Ends delivery `flushTimeout` after a graceful shutdown began (at once when cancelled).
            guard (try? await gracefulShutdown()) != nil else { return }
            self.continuation.finish()
            try? await Task.sleep(for: self.options.flushTimeout)
        }
        close(before: "shutdown")
    }

    /// Delivers what was submitted, for a process about to exit (`mooring sync`): returns once every message was
    /// delivered, refused or given up, or after `timeout`; what is left then is logged as a warning.
    public func deliverSubmitted(within timeout: Duration) async {
        continuation.finish()
        await Race.first {
            await self.deliverQueued()
        } or: {
            try? await CancellableSleep.sleep(for: timeout)
        }
        close(before: "exit")
    }

    /// Delivers queued messages, in order, until the queue is finished or the task cancelled.
    private func deliverQueued() async {
        for await payload in queue {
            guard await deliver(payload) else { return }
            pending.withLock { $0 -= 1 }
        }
    }

    /// Posts the conditions still firing again every `resendInterval`, to an Alertmanager only (which resolves an
    /// alert not re-sent within its `resolve_timeout`); chat receivers get a message when a condition starts,
    /// changes or clears, not reminders.
    private func resendWhileFiring() async {
        guard format == .alertmanager, tracksConditions else { return }
        while true {
            do { try await Task.sleep(for: options.resendInterval) } catch { return }
            guard !Task.isShuttingDownGracefully else { return }
            tracker.withLock { tracker in
                let firing = tracker.firing
                guard !firing.isEmpty else { return }
                logger.debug("re-sending \(firing.count) firing alert(s)")
                enqueue(firing, at: Date())
            }
        }
    }

    /// Releases the connection and logs how many messages were left undelivered `before` shutdown or exit.
    private func close(before ending: String) {
        client.close()
        let undelivered = pending.withLock { $0 }
        if undelivered > 0 {
            logger.warning(
                "alerts not delivered before \(ending): \(undelivered) message\(undelivered == 1 ? "" : "s")",
                metadata: ["undelivered": .stringConvertible(undelivered)]
            )
        }
    }

    /// Tries `payload` until it is delivered, refused or out of tries; `false` when cancelled first.
    private func deliver(_ payload: AlertPayload) async -> Bool {
        let names = Self.names([payload])
        var attempt = 1
        while true {
            let outcome = await client.post(payload.body)
            guard !Task.isCancelled else { return false }
            switch options.next(after: outcome, attempt: attempt) {
            case .delivered:
                logger.debug("alert delivered: \(names)")
                return true
            case .refused(let status):
                logger.warning("the alert webhook refused \(names) with HTTP \(status); not retried")
                return true
            case .retry(let delay, let reason):
                guard attempt < options.attempts else {
                    logger.warning("alert not delivered after \(attempt) tries (\(reason)): \(names)")
                    return true
                }
                logger.debug("alert delivery failed (\(reason)); retrying in \(delay): \(names)")
                do { try await Task.sleep(for: delay) } catch { return false }
                attempt += 1
            }
        }
    }

    private static func names(_ payloads: [AlertPayload]) -> String {
        payloads.flatMap(\.events).map(\.rawValue).joined(separator: ", ")
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

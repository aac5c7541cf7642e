import Timing

/// Asks for a sync a short delay after the first of a burst of pokes: one request however many pokes arrive within
/// the delay.
actor DebouncedTrigger {
    private let trigger: SyncTrigger
    private let delay: Duration
    private var scheduled = false

    init(trigger: SyncTrigger, delay: Duration) {
        self.trigger = trigger
        self.delay = delay
    }

    func poke() {
        guard !scheduled else { return }
        scheduled = true
        Task {
            try? await CancellableSleep.sleep(for: delay)
            await fire()
        }
    }

    private func fire() async {
        scheduled = false
        await trigger.request()
    }
}

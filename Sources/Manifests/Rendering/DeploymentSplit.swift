/// How `target: deployment` shares replicas between stable and canary so the Service, which selects
/// both alike, sends the canary about its share of the traffic.
///
/// The model runs `replicas.min` pods in all (`n`); the canary gets `round(n × traffic / 100)` of
/// them, but at least one while its traffic is above 0 and at most `n − 1` while it is below 100, so
/// neither side is starved; stable gets the rest, and at least one while its traffic is above 0.
/// With one replica and a canary between 1 and 99 percent both run one pod (about 50%): raise
/// `replicas.min` for a finer split. Traffic 0 keeps a canary Deployment at zero pods; traffic 100
/// keeps stable at zero pods. KServe splits requests exactly instead (`canaryTrafficPercent`).
struct DeploymentSplit: Equatable {
    var stable: Int
    var canary: Int

    init(stable: Int, canary: Int) {
        self.stable = stable
        self.canary = canary
    }

    init(replicas total: Int, canaryTraffic traffic: Int) {
        let total = max(total, 0)
        switch traffic {
        case _ where total == 0:
            self.init(stable: 0, canary: 0)
        case ...0:
            self.init(stable: total, canary: 0)
        case 100...:
            self.init(stable: 0, canary: total)
        default:
            let share = Int((Double(total * traffic) / 100).rounded())
            let canary = min(max(share, 1), max(total - 1, 1))
            self.init(stable: max(total - canary, 1), canary: canary)
        }
    }
}

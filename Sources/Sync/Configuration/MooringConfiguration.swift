// Folder Sync/Configuration: the host configuration and how it is read.

/// The whole host configuration (`/etc/mooring/mooring.yaml`), every section checked.
public struct MooringConfiguration: Sendable, Equatable {
    /// The file it was read from.
    public var file: String
    public var source: SourceSettings
    /// One or more clusters; a configuration with `cluster`/`policy` at the top has one, named `default`.
    public var targets: [TargetSettings]
    public var health: HealthSettings
    public var alerts: AlertSettings
    public var server: ServerSettings
    public var leaderElection: LeaderElectionSettings
    /// When `history.jsonl` is rotated.
    public var history: HistorySettings
    /// Where the inventory of what Mooring owns is kept in each cluster, besides `state.json`.
    public var inventory: InventorySettings
    /// Where canary analysis and monitors query.
    public var analysis: AnalysisSettings
    /// Holds `mirror.git/`, `state.json`, `history.jsonl`.
    public var stateDirectory: String

    public init(
        file: String,
        source: SourceSettings,
        targets: [TargetSettings],
        health: HealthSettings = HealthSettings(),
        alerts: AlertSettings = AlertSettings(),
        server: ServerSettings = ServerSettings(),
        leaderElection: LeaderElectionSettings = LeaderElectionSettings(),
        history: HistorySettings = HistorySettings(),
        inventory: InventorySettings = InventorySettings(),
        analysis: AnalysisSettings = AnalysisSettings(),
        stateDirectory: String = "/var/lib/mooring"
    ) {
        self.file = file
        self.source = source
        self.targets = targets
        self.health = health
        self.alerts = alerts
        self.server = server
        self.leaderElection = leaderElection
        self.history = history
        self.inventory = inventory
        self.analysis = analysis
        self.stateDirectory = stateDirectory
    }

    /// Reads and checks the whole file, reporting every problem at once.
    public static func load(from path: String) throws(ConfigurationError) -> MooringConfiguration {
        try ConfigurationFile.load(path).configuration()
    }
}

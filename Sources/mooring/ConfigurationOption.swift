import ArgumentParser
import Sync

/// `--config FILE`, shared by the commands that read the host configuration.
struct ConfigurationOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The host configuration file.", valueName: "file"))
    var config: String = ConfigurationFile.defaultPath

    /// The whole configuration, every section checked; exit 2 with every problem when it is unusable.
    func loadConfiguration() throws -> MooringConfiguration {
        do {
            return try MooringConfiguration.load(from: config)
        } catch {
            throw CommandFailure.configuration(error)
        }
    }
}

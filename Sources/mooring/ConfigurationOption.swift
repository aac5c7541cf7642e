import ArgumentParser

/// `--config FILE`, shared by the commands that read the host configuration.
struct ConfigurationOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The host configuration file.", valueName: "file"))
    var config: String = "/etc/mooring/mooring.yaml"
}

import ArgumentParser

/// `--format text|json` for commands with a person-readable and a machine-readable output.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

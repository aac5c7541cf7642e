import ArgumentParser
import Sync

/// How a command ends in error: the message on stderr and the exit code from INTERFACE.md.
enum CommandFailure: Error, CustomStringConvertible {
    /// The configuration could not be used: exit 2.
    case configuration(ConfigurationError)
    /// The command could not do its work: exit 1 (or the given code).
    case runtime(String, code: Int32 = 1)

    var description: String {
        switch self {
        case .configuration(let error): return "configuration error:\n\(error)"
        case .runtime(let message, _): return message
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .configuration: return ExitCode(2)
        case .runtime(_, let code): return ExitCode(code)
        }
    }
}

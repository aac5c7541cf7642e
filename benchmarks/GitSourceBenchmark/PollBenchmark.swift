import Foundation
import GitSource

/// Measures polls of an unchanged remote inside one process, as the daemon does them:
/// `GitSourceBenchmark <url> <state directory> <iterations>`. The first poll (the clone) is not counted.
/// Prints one JSON object: the median, mean, minimum and maximum in milliseconds, how many polls fetched,
/// and the requests made.
@main
struct PollBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4, let iterations = Int(arguments[3]), iterations > 0 else {
            FileHandle.standardError.write(
                Data("usage: GitSourceBenchmark <url> <state directory> <iterations>\n".utf8)
            )
            exit(2)
        }
        let mirror = try GitMirror(
            options: GitSourceOptions(url: arguments[1], path: "", stateDirectory: arguments[2])
        )
        _ = try await mirror.poll()
        var milliseconds: [Double] = []
        var fetches = 0
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            var poll: PollResult?
            let elapsed = try await clock.measure { poll = try await mirror.poll() }
            if poll?.fetched == true { fetches += 1 }
            milliseconds.append(
                Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
            )
        }
        milliseconds.sort()
        let counts = await mirror.requestCounts()
        let summary: [String: Any] = [
            "iterations": iterations,
            "median_ms": milliseconds[milliseconds.count / 2],
            "mean_ms": milliseconds.reduce(0, +) / Double(milliseconds.count),
            "min_ms": milliseconds[0],
            "max_ms": milliseconds[milliseconds.count - 1],
            "fetches": fetches,
            "requests": Dictionary(uniqueKeysWithValues: counts.map { ($0.key.description, $0.value) }),
        ]
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

}

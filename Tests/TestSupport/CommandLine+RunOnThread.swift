public import Foundation

/// `run(_:in:environment:input:check:)` on a thread of its own, for commands that talk to a server in this
/// process (an in-process KubeSim): waiting for them on the Swift concurrency pool, which has as many threads
/// as cores, could starve the server of the threads it needs to answer.
public func runOnThread(
    _ argv: [String],
    in directory: URL? = nil,
    environment: [String: String] = [:],
    input: String? = nil,
    check: Bool = true
) async throws -> CommandResult {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(
                with: Result { try run(argv, in: directory, environment: environment, input: input, check: check) }
            )
        }.start()
    }
}

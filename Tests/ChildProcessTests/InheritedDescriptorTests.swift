import ChildProcess
import Foundation
import TestSupport
import Testing

/// A child keeps none of its parent's descriptors but standard input, output and error: a long-running child that
/// held a pipe of its parent open would keep whoever reads that pipe's other end from ever seeing its end.
@Suite("A child keeps none of its parent's descriptors")
struct InheritedDescriptorTests {
    @Test("a program run by ChildProcess (kubectl, git, the verifiers) has only descriptors 0, 1 and 2 open")
    func childProcess() async throws {
        let unrelated = Pipe()
        defer {
            try? unrelated.fileHandleForReading.close()
            try? unrelated.fileHandleForWriting.close()
        }
        let output = try await ChildProcess(
            "/bin/sh",
            ["-c", "ls /proc/$$/fd"],
            timeout: .seconds(60),
            outputLimit: 1 << 16
        ).run()
        let open = String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(open.sorted() == ["0", "1", "2"], "open in the child: \(open)")
    }

    @Test("a server a test starts (SpawnedProcess) does not hold the test's pipes open")
    func spawnedServer() async throws {
        let pipe = Pipe()
        let server = try SpawnedProcess(["sleep", "60"])
        defer { server.stop(grace: .zero) }
        try pipe.fileHandleForWriting.close()
        // With the write end inherited by `sleep`, the end of the pipe would come only when the server stops.
        let reader = pipe.fileHandleForReading
        let read = try await onOwnThread { reader.readDataToEndOfFile() }
        #expect(read.isEmpty)
        #expect(server.isRunning)
    }
}

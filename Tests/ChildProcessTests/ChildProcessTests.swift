import ChildProcess
import Foundation
import TestSupport
import Testing

@Suite("Running a child process")
struct ChildProcessTests {
    /// `/bin/sh -c script`: the script receives `arguments` as `$1`…; `$0` is `sh`.
    private func shell(
        _ script: String,
        _ arguments: [String] = [],
        environment: [String: String?] = [:],
        inputFile: String? = nil,
        timeout: Duration = .seconds(60),
        outputLimit: Int = 1 << 20
    ) -> ChildProcess {
        ChildProcess(
            "/bin/sh",
            ["-c", script, "sh"] + arguments,
            environment: environment,
            inputFile: inputFile,
            timeout: timeout,
            outputLimit: outputLimit
        )
    }

    @Test("arguments reach the program as given, with no shell between, and both outputs and the status come back")
    func argumentsAndOutput() async throws {
        let output = try await shell(#"for a in "$@"; do echo "$a"; done; echo oops >&2; exit 3"#, ["a b;c", "$(x)"])
            .run()
        #expect(String(decoding: output.standardOutput, as: UTF8.self) == "a b;c\n$(x)\n")
        #expect(String(decoding: output.standardError, as: UTF8.self) == "oops\n")
        #expect(output.status == 3)
        #expect(!output.succeeded)
    }

    @Test("a program named without a slash is looked up on PATH")
    func lookedUpOnPath() async throws {
        let output = try await ChildProcess("echo", ["found"], timeout: .seconds(60), outputLimit: 1024).run()
        #expect(String(decoding: output.standardOutput, as: UTF8.self) == "found\n")
    }

    @Test("the environment is inherited, with variables set and removed as asked")
    func environment() async throws {
        setenv("MOORING_CHILD_PROCESS_INHERITED", "kept", 1)
        setenv("MOORING_CHILD_PROCESS_REMOVED", "present", 1)
        let output = try await shell(
            #"echo "$MOORING_CHILD_PROCESS_INHERITED ${MOORING_CHILD_PROCESS_REMOVED-unset} $MOORING_CHILD_PROCESS_SET""#,
            environment: ["MOORING_CHILD_PROCESS_REMOVED": nil, "MOORING_CHILD_PROCESS_SET": "set"]
        )
        .run()
        #expect(String(decoding: output.standardOutput, as: UTF8.self) == "kept unset set\n")
    }

    @Test("standard input comes from the named file, or /dev/null")
    func standardInput() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("input").path
            try "from the file".write(toFile: file, atomically: true, encoding: .utf8)
            let fed = try await shell("cat", inputFile: file).run()
            #expect(String(decoding: fed.standardOutput, as: UTF8.self) == "from the file")
            let empty = try await shell("cat").run()
            #expect(empty.standardOutput.isEmpty)
            #expect(empty.succeeded)
        }
    }

    @Test("an input file that cannot be opened is inputUnreadable, and nothing runs")
    func unreadableInput() async throws {
        let error = await #expect(throws: ChildProcessError.self) {
            try await shell("cat", inputFile: "/nonexistent/input").run()
        }
        #expect(error?.code == .inputUnreadable)
        #expect(error?.message.contains("/nonexistent/input") == true)
    }

    @Test("on timeout the program and everything it started are killed, and the program is reaped")
    func timeoutKillsProcessGroup() async throws {
        try await withTemporaryDirectory { directory in
            let pids = directory.appendingPathComponent("pids").path
            let process = shell(#"sleep 300 & echo "$$ $!" > "$1"; wait"#, [pids], timeout: .milliseconds(500))
            let error = await #expect(throws: ChildProcessError.self) { try await process.run() }
            #expect(error?.code == .timedOut)
            #expect(error?.message.contains("did not finish within") == true)
            try await expectGone(try #require(recordedPids(pids)))
        }
    }

    @Test("cancelling the calling task stops the program and its process group")
    func cancellation() async throws {
        try await withTemporaryDirectory { directory in
            let pids = directory.appendingPathComponent("pids").path
            let process = shell(#"sleep 300 & echo "$$ $!" > "$1"; wait"#, [pids])
            let call = Task { try await process.run() }
            try await waitUntil("the program started its child") { recordedPids(pids) != nil }
            call.cancel()
            let error = await #expect(throws: ChildProcessError.self) { try await call.value }
            #expect(error?.code == .cancelled)
            try await expectGone(try #require(recordedPids(pids)))
        }
    }

    @Test("with a grace period, a cancelled program gets SIGTERM first and may finish its work before it is reaped")
    func gracefulStop() async throws {
        try await withTemporaryDirectory { directory in
            let started = directory.appendingPathComponent("started").path
            let stopped = directory.appendingPathComponent("stopped").path
            let script = #"trap 'echo done > "$2"; exit 0' TERM; touch "$1"; sleep 300 & wait"#
            var process = shell(script, [started, stopped])
            process.stopGracePeriod = .seconds(10)
            let call = Task { try await process.run() }
            try await waitUntil("the program started") { FileManager.default.fileExists(atPath: started) }
            call.cancel()
            let error = await #expect(throws: ChildProcessError.self) { try await call.value }
            #expect(error?.code == .cancelled)
            #expect((try? String(contentsOfFile: stopped, encoding: .utf8)) == "done\n", "its SIGTERM handler ran")
        }
    }

    @Test("output beyond the limit stops the program with outputTooLarge")
    func outputLimit() async throws {
        let process = shell("head -c 1000000 /dev/zero; sleep 300", outputLimit: 64 * 1024)
        let error = await #expect(throws: ChildProcessError.self) { try await process.run() }
        #expect(error?.code == .outputTooLarge)
    }

    @Test("a missing program, or a file that is not executable, is reported as such before anything runs")
    func missingOrNotExecutable() async throws {
        let missing = await #expect(throws: ChildProcessError.self) {
            try await ChildProcess("/nonexistent/bin/tool", [], timeout: .seconds(60), outputLimit: 1024).run()
        }
        #expect([.executableNotFound, .notExecutable].contains(missing?.code))
        let unknown = await #expect(throws: ChildProcessError.self) {
            try await ChildProcess("mooring-no-such-tool", [], timeout: .seconds(60), outputLimit: 1024).run()
        }
        #expect(unknown?.code == .executableNotFound)
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("tool").path
            try "#!/bin/sh\nexit 0\n".write(toFile: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
            let error = await #expect(throws: ChildProcessError.self) {
                try await ChildProcess(file, [], timeout: .seconds(60), outputLimit: 1024).run()
            }
            // swift-subprocess checks a path for execute permission before it spawns, so this is reported as not found.
            #expect([.executableNotFound, .notExecutable].contains(error?.code))
        }
    }

    @Test("a program still open for writing when it is started (ETXTBSY) is started again once it is closed")
    func busyExecutable() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("tool").path
            try "#!/bin/sh\necho started\n".write(toFile: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
            // Held open for writing as a child forked while this process wrote the file would hold it: until 20 ms
            // from now, every attempt to start it fails with ETXTBSY.
            let writer = open(file, O_WRONLY)
            try #require(writer >= 0)
            let closer = Thread {
                usleep(20_000)
                close(writer)
            }
            closer.start()
            let output = try await ChildProcess(file, [], timeout: .seconds(60), outputLimit: 1024).run()
            #expect(output.status == 0)
            #expect(String(decoding: output.standardOutput, as: UTF8.self) == "started\n")
        }
    }

    /// The program's pid and its child's, once the program recorded them in `file`.
    private func recordedPids(_ file: String) -> (program: Int32, child: Int32)? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8), text.hasSuffix("\n") else { return nil }
        let pids = text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return pids.count == 2 ? (pids[0], pids[1]) : nil
    }

    /// The program was reaped (no zombie left) and its child was killed (reaped by init, or about to be).
    private func expectGone(_ pids: (program: Int32, child: Int32)) async throws {
        #expect(processState(pids.program) == nil, "the program itself was reaped: no zombie")
        try await waitUntil("the program's child is dead") { [nil, "Z"].contains(processState(pids.child)) }
    }

    /// The state letter from /proc/PID/stat (`S`, `Z`, …), or `nil` when no such process exists.
    private func processState(_ pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let closing = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(after: closing)...].split(separator: " ").first.map(String.init)
    }
}

import Foundation

/// The path of an executable product (`mooring`, `kubesim`) built with the running tests: SwiftPM puts
/// products and the test binary in the same folder, whichever build folder and configuration is in use.
public func builtProductPath(_ name: String) -> String {
    let testBinary =
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent(name).path
}

/// A request KubeSim answered with an unexpected status.
struct KubeSimWatchRefused: Error, CustomStringConvertible {
    var status: Int
    var body: String
    var description: String { "KubeSim answered \(status): \(body)" }
}

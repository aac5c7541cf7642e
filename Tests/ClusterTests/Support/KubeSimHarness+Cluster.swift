import Cluster
import Foundation
import KubeSim
import Logging
import MooringCore
import TestSupport

extension KubeSimHarness {
    /// A driver for this simulator through `kubectl`, with a discovery cache of its own per binary.
    func client(
        kubectl: String,
        context: String? = nil,
        kubeconfig: String? = nil,
        timeout: Duration = .seconds(60),
        outputLimit: Int = 64 << 20,
        logger: Logger = Logger(label: "test.cluster")
    ) -> ClusterClient {
        let cacheName = kubectl.replacingOccurrences(of: "/", with: "_")
        let options = KubectlOptions(
            executable: kubectl,
            kubeconfig: kubeconfig ?? sim.kubeconfigPath,
            context: context,
            cacheDirectory: sim.directory + "/cache-" + cacheName,
            timeout: timeout,
            outputLimit: outputLimit
        )
        return ClusterClient(options: options, logger: logger)
    }

    /// The simulator's kubeconfig with `token` replaced by a wrong one, for tests of rejected credentials.
    func kubeconfig(replacingToken token: String) throws -> String {
        let text = try String(contentsOfFile: sim.kubeconfigPath, encoding: .utf8)
        let path = sim.directory + "/wrong-token.kubeconfig"
        try text.replacingOccurrences(of: token, with: "not-the-token")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

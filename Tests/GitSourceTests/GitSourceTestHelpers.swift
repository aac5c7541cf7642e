import Foundation
import GitSource
import MooringCore
import TestSupport

/// Options for a mirror in `directory/state`, reading `path`, with a short timeout.
func options(
    url: String,
    in directory: URL,
    path: String = "deploy",
    timeout: Duration = .seconds(20),
    limits: GitSourceLimits = GitSourceLimits(),
    sshKeyFile: String? = nil,
    knownHostsFile: String? = nil,
    tokenFile: String? = nil
) -> GitSourceOptions {
    GitSourceOptions(
        url: url,
        branch: "main",
        path: path,
        timeout: timeout,
        sshKeyFile: sshKeyFile,
        knownHostsFile: knownHostsFile,
        tokenFile: tokenFile,
        stateDirectory: directory.appendingPathComponent("state").path,
        limits: limits
    )
}

/// Every file under the mirror's object store with its size: unchanged means nothing was downloaded.
func objectStoreListing(_ mirror: String) -> [String: Int] {
    let root = URL(fileURLWithPath: mirror).appendingPathComponent("objects")
    var listing: [String: Int] = [:]
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey])
    while let url = enumerator?.nextObject() as? URL {
        listing[url.path] = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? -1
    }
    return listing
}

extension Snapshot {
    /// The files as path → text, for readable expectations.
    var texts: [String: String] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
    }
}

/// A repository whose `deploy` folder holds two manifests, pushed to its bare remote.
func deployRepository(in directory: URL) throws -> GitTestRepository {
    let repository = try GitTestRepository(in: directory)
    try repository.write("deploy/app.yaml", "kind: ConfigMap\n")
    try repository.write("deploy/models/fraud.yaml", "kind: ModelDeployment\n")
    try repository.write("README.md", "not deployed\n")
    try repository.commitAndPush("first deploy")
    return repository
}

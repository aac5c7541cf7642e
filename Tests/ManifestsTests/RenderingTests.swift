import Foundation
import Manifests
import MooringCore
import Testing

@Suite("the example folder renders to reviewed Kubernetes objects")
struct RenderingTests {
    /// The rendered objects and model summaries as stable, reviewable JSON.
    static func snapshot(_ state: DesiredState) -> String {
        let resources: [JSONValue] = state.resources.map { resource in
            ["origin": .string(resource.origin?.description ?? ""), "object": resource.object]
        }
        let models: [JSONValue] = state.models.map { model in
            [
                "name": .string(model.name), "namespace": .string(model.namespace),
                "target": .string(model.target.rawValue), "stable": .string(model.stable),
                "canary": model.canary.map { ["version": .string($0.version), "traffic": .int($0.traffic)] } ?? .null,
                "drift": model.drift.map { .string($0.rawValue) } ?? .null,
                "objects": .array(model.objects.map { .string($0.description) }),
                "versions": .array(
                    model.versions.map { .string("\($0.version) \($0.artifact.uri) \($0.artifact.digest ?? "")") }
                ),
            ]
        }
        return JSONValue.object(["resources": .array(resources), "models": .array(models)]).serialized(pretty: true)
            + "\n"
    }

    @Test("the example folder is valid and renders what Expected/deploy-manifests.json holds")
    func exampleMatchesExpected() throws {
        let state = try DesiredStateBuilder().build(files: try ExampleFolder.files())
        let actual = Self.snapshot(state)
        if ProcessInfo.processInfo.environment["MOORING_UPDATE_EXPECTED"] == "1" {
            try actual.write(
                to: ExampleFolder.expectedSourceDirectory.appendingPathComponent("deploy-manifests.json"),
                atomically: true,
                encoding: .utf8
            )
            return
        }
        let url = try #require(Bundle.module.url(forResource: "Expected/deploy-manifests", withExtension: "json"))
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            actual == expected,
            "rerun with MOORING_UPDATE_EXPECTED=1, review the diff of Tests/ManifestsTests/Expected"
        )
    }

    @Test("every object carries Mooring's labels and source file, and no source commit")
    func labelsOnEveryObject() throws {
        let state = try DesiredStateBuilder().build(files: try ExampleFolder.files())
        #expect(state.resources.count == 5)
        let modelObjects = Set(state.models.flatMap(\.objects))
        for resource in state.resources {
            #expect(resource.labels[ObjectLabels.managedBy] == "mooring", "\(resource.identity)")
            #expect(resource.annotations[ObjectLabels.sourceFile] == resource.origin?.file)
            #expect(resource.annotations[ObjectLabels.sourceCommit] == nil)
            if modelObjects.contains(resource.identity) {
                #expect(resource.labels[ObjectLabels.model] != nil)
                #expect(resource.labels[ObjectLabels.version] != nil)
            }
        }
    }

    @Test("rendering does not depend on the order of the files", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func orderIndependent(seed: UInt64) throws {
        let files = try ExampleFolder.files()
        var generator = SeededGenerator(seed: seed)
        let shuffled = files.shuffled(using: &generator)
        #expect(DesiredStateBuilder().validate(files: shuffled) == DesiredStateBuilder().validate(files: files))
        let broken = files + [SourceFile(path: "cluster/broken.yaml", bytes: Array("a: [\n".utf8))]
        #expect(
            DesiredStateBuilder().validate(files: broken.shuffled(using: &generator)).report
                == DesiredStateBuilder().validate(files: broken).report
        )
    }

    @Test("JSON and YAML spellings of the same manifests render alike")
    func jsonAndYAMLAlike() throws {
        let files = try ExampleFolder.files()
        var jsonFiles: [SourceFile] = []
        for file in files {
            let documents = try YAMLReader.documents(in: String(decoding: file.bytes, as: UTF8.self))
            let path = file.path.replacingOccurrences(of: ".yaml", with: ".json")
            let values = documents.map(\.value).filter { !$0.isNull }
            // Several documents become a List, the one JSON file can hold them all.
            let value: JSONValue =
                values.count == 1 ? values[0] : ["apiVersion": "v1", "kind": "List", "items": .array(values)]
            jsonFiles.append(SourceFile(path: path, bytes: value.serializedBytes(pretty: true)))
        }
        let fromYAML = try DesiredStateBuilder().build(files: files)
        let fromJSON = try DesiredStateBuilder().build(files: jsonFiles)
        func normalized(_ state: DesiredState) -> [JSONValue] {
            state.resources.map { resource in
                var object = resource.object
                object.set(nil, at: FieldPath([.key("metadata"), .key("annotations"), .key(ObjectLabels.sourceFile)]))
                return object
            }
        }
        #expect(normalized(fromJSON) == normalized(fromYAML))
        #expect(fromJSON.models.map(\.versions) == fromYAML.models.map(\.versions))
    }

    @Test(
        "a Deployment canary gets a replica share matching its traffic",
        arguments: [
            (10, 10, 9, 1), (4, 10, 3, 1), (4, 50, 2, 2), (4, 99, 1, 3), (1, 10, 1, 1), (3, 0, 3, 0), (3, 100, 0, 3),
            (5, 25, 4, 1), (0, 50, 0, 0),
        ]
    )
    func deploymentSplit(replicas: Int, traffic: Int, stable: Int, canary: Int) throws {
        let model = """
            apiVersion: mooring.dev/v1
            kind: ModelDeployment
            metadata: {name: churn, namespace: ml-prod}
            spec:
              target: deployment
              image: ghcr.io/acme/server:1
              stable: "1"
              canary: {version: "2", traffic: \(traffic)}
              replicas: {min: \(replicas), max: \(max(replicas, 1))}
            """
        let records = ["1", "2"].map { version in
            SourceFile(
                path: "versions/\(version).yaml",
                bytes: Array(
                    """
                    apiVersion: mooring.dev/v1
                    kind: ModelVersion
                    metadata: {name: churn-\(version)}
                    spec:
                      model: churn
                      version: "\(version)"
                      artifact: {uri: "s3://m/\(version)", digest: "sha256:00ff"}
                    """.utf8
                )
            )
        }
        let state = try DesiredStateBuilder().build(
            files: [SourceFile(path: "model.yaml", bytes: Array(model.utf8))] + records
        )
        func replicasOf(_ name: String) -> Int? {
            state.resources.first { $0.kind == "Deployment" && $0.name == name }?.object[path: "spec.replicas"]?
                .intValue
        }
        #expect(replicasOf("churn") == stable)
        #expect(replicasOf("churn-canary") == canary)
        let service = state.resources.first { $0.kind == "Service" }
        #expect(
            service?.object[path: FieldPath([.key("spec"), .key("selector"), .key("mooring.dev/model")])]
                == "churn"
        )
    }
}

/// A small deterministic generator (SplitMix64), so shuffles are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

import Cluster
import MooringCore
import Testing

/// How kubectl's error output becomes a typed ``ClusterError``: the texts are kubectl 1.32's own wording.
@Suite("Reading kubectl's errors")
struct KubectlErrorTests {
    let secret = ObjectIdentity(group: "", kind: "Secret", namespace: "ml", name: "token")
    let deployment = ObjectIdentity(group: "apps", kind: "Deployment", namespace: "ml", name: "web")

    func classify(_ stderr: String, objects: [ObjectIdentity] = []) throws -> ClusterError {
        let output = KubectlOutput(
            command: KubectlCommand(["apply", "--server-side", "-f", "/tmp/x/objects.json"], objects: objects),
            exitCode: 1,
            standardOutput: [],
            standardError: stderr,
            duration: .zero
        )
        return try #require(throws: ClusterError.self) { try output.checked() }
    }

    @Test(
        "each failure class is recognised from kubectl's words",
        arguments: [
            (
                "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?",
                ClusterError.Code.unreachable
            ),
            ("Unable to connect to the server: dial tcp: lookup nowhere.invalid: no such host", .unreachable),
            (
                "Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority",
                .unreachable
            ),
            ("error: You must be logged in to the server (Unauthorized)", .unauthorized),
            (
                #"Error from server (Forbidden): deployments.apps "web" is forbidden: User "ci" cannot get resource "deployments""#,
                .forbidden
            ),
            (#"Error from server (NotFound): namespaces "nowhere" not found"#, .notFound),
            (
                #"Error from server (AlreadyExists): error when creating "f.json": leases.coordination.k8s.io "l" already exists"#,
                .conflict
            ),
            (
                #"Error from server (Conflict): error when replacing "f.json": Operation cannot be fulfilled on leases.coordination.k8s.io "l": the object has been modified; please apply your changes to the latest version and try again"#,
                .conflict
            ),
            (
                #"The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"#,
                .invalid
            ),
            (
                #"Error from server (BadRequest): error when creating "f.json": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica""#,
                .invalid
            ),
            (#"error: the server doesn't have a resource type "inferenceservices""#, .unknownKind),
            ("error: something else entirely", .failed),
        ]
    )
    func classification(stderr: String, code: ClusterError.Code) throws {
        let error = try classify(stderr)
        #expect(error.code == code)
        #expect(error.exitCode == 1)
        #expect(error.command.hasPrefix("kubectl apply --server-side -f <file>"))
    }

    @Test("a server-side apply conflict names the other manager and its fields, without kubectl's advice")
    func singleConflict() throws {
        let error = try classify(
            """
            error: Apply failed with 1 conflict: conflict with "kubectl-scale" with subresource "scale" using apps/v1: .spec.replicas
            Please review the fields above--they currently have other managers. Here
            are the ways you can resolve this warning:
            * If you intend to manage all of these fields, please re-run the apply
              command with the `--force-conflicts` flag.
            """,
            objects: [deployment]
        )
        #expect(error.code == .conflict)
        #expect(
            error.conflicts == [
                FieldConflict(manager: "kubectl-scale", subresource: "scale", fields: [".spec.replicas"])
            ]
        )
        #expect(error.object == deployment)
        #expect(!error.details.contains("Please review"))
        #expect(error.message.contains("kubectl-scale"))
    }

    @Test("several conflicts are grouped by manager")
    func multipleConflicts() throws {
        let error = try classify(
            """
            error: Apply failed with 3 conflicts: conflicts with "kubectl-edit" using apps/v1 at 2026-05-01T10:00:00Z:
            - .spec.replicas
            - .spec.template.spec.containers[name="web"].image
            conflicts with "helm":
            - .metadata.labels.team
            Please review the fields above--they currently have other managers.
            """
        )
        #expect(
            error.conflicts == [
                FieldConflict(
                    manager: "kubectl-edit",
                    fields: [".spec.replicas", #".spec.template.spec.containers[name="web"].image"#]
                ),
                FieldConflict(manager: "helm", fields: [".metadata.labels.team"]),
            ]
        )
    }

    @Test("an invalid object carries the server's causes")
    func invalidCauses() throws {
        let bulleted = try classify(
            """
            The Deployment "web" is invalid:
            * spec.template.spec.containers[0].image: Required value
            * spec.replicas: Invalid value: -1: must be greater than or equal to 0
            """
        )
        #expect(
            bulleted.causes == [
                "spec.template.spec.containers[0].image: Required value",
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            ]
        )
        let inline = try classify(
            #"Error from server (Invalid): error when creating "f": Service "s" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.type: Unsupported value: "Nope"]"#
        )
        #expect(inline.causes.count == 2)
        #expect(
            inline.causes.first == "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive"
        )
    }

    @Test("values quoted in errors about Secrets are redacted")
    func secretValuesRedacted() throws {
        let error = try classify(
            #"The Secret "token" is invalid: metadata.annotations: Invalid value: "hunter2-\"quoted\"": bad"#,
            objects: [secret]
        )
        #expect(!error.description.contains("hunter2"))
        #expect(error.details.contains(#"Invalid value: "<redacted>": bad"#))
    }

    @Test("warnings and client-go log lines are not errors")
    func warningsIgnored() throws {
        let output = KubectlOutput(
            command: KubectlCommand(["get", "pods"]),
            exitCode: 1,
            standardOutput: [],
            standardError: """
                Warning: apps/v1beta1 Deployment is deprecated
                WARNING: version difference between client (1.37) and server (1.32) exceeds the supported minor version skew of +/-1
                E0501 10:11:12.123456   12345 memcache.go:265] couldn't get current server API group list
                Error from server (NotFound): pods "p" not found
                """,
            duration: .zero
        )
        #expect(output.errorEntries == [#"Error from server (NotFound): pods "p" not found"#])
    }
}

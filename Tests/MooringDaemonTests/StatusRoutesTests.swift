import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Sync
import TestSupport
import Testing

@testable import MooringDaemon

@Suite("The status server's routes, in process")
struct StatusRoutesTests {
    /// Routes over a fresh status of two targets, with a push webhook when `webhookSecret` is given.
    struct Fixture {
        let status = DaemonStatus(targets: ["alpha", "beta"], metrics: DaemonMetrics())
        let trigger = SyncTrigger()
        let app: Application<RouterResponder<BasicRequestContext>>

        init(webhookSecretFile: String? = nil) throws {
            let verifier = try webhookSecretFile.map { file throws(DaemonError) in
                try WebhookVerifier(secretFile: file)
            }
            let routes = StatusRoutes(
                status: status,
                metrics: DaemonMetrics(),
                trigger: trigger,
                verifier: verifier,
                pages: ModelPages(status: status, journal: nil),
                logger: Logger(label: "mooring", factory: { _ in SwiftLogNoOpLogHandler() })
            )
            app = Application(router: routes.router())
        }
    }

    /// The header GitLab sends its webhook secret in.
    static var gitlabToken: HTTPField.Name {
        get throws { try #require(HTTPField.Name("X-Gitlab-Token")) }
    }

    @Test("/healthz answers ok while the sync loop runs and 503 once it has stopped")
    func liveness() async throws {
        let fixture = try Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
            await fixture.status.stopped()
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "the sync loop has stopped\n")
            }
        }
    }

    @Test("/readyz answers 503 with the reason until the first sync has finished")
    func readiness() async throws {
        let fixture = try Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "the first sync has not finished\n")
            }
        }
    }

    @Test("/status answers the status document as JSON, one entry per configured target in order")
    func statusDocument() async throws {
        let fixture = try Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/status", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let document = try StatusDocument(json: Data(response.body.readableBytesView))
                #expect(document.targets.map(\.name) == ["alpha", "beta"])
                #expect(!document.ready && !document.syncing)
            }
        }
    }

    @Test("/status and the page show a canary its abort holds out of traffic as the report serves it: 0%, aborted")
    func abortedCanary() async throws {
        let fixture = try Fixture()
        var report = TargetReport(target: "alpha", outcome: .inSync, commit: nil)
        let serving = ModelState(namespace: "ml-prod", stable: "12", canary: "13", canaryTraffic: 10)
        report.served = [ServedModel(name: "fraud-detector", state: serving.abortingCanary())]
        await fixture.status.record(SyncReport(events: [], targets: [report]), nextSyncAt: Date())
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/status", method: .get) { response in
                let document = try StatusDocument(json: Data(response.body.readableBytesView))
                let model = try #require(document.targets.first?.models.first)
                #expect(model.canary == "13" && model.canaryTraffic == 0 && model.canaryAborted == true)
                #expect(String(buffer: response.body).contains(#""canaryAborted" : true"#))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains("<td>13 (0%, aborted)</td>"))
            }
        }
    }

    @Test("/ answers the status page as HTML naming every target, and /metrics the Prometheus text format")
    func pageAndMetrics() async throws {
        let fixture = try Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                #expect(page.contains("alpha") && page.contains("beta"))
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            }
        }
    }

    @Test("a model page no target serves answers 404")
    func unknownModelPage() async throws {
        let fixture = try Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/models/alpha/ml-prod/fraud-detector", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body) == "this daemon serves no such model\n")
            }
        }
    }

    @Test("without a webhook secret, POST /hooks/git is not routed and requests no sync")
    func noWebhook() async throws {
        let fixture = try Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/hooks/git", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(await fixture.trigger.isRequested == false)
    }

    @Test("a push webhook with a wrong or missing token gets 401 and requests no sync; a valid one gets 202 and does")
    func webhook() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("secret").path
            try "hook-secret\n".write(toFile: file, atomically: true, encoding: .utf8)
            let fixture = try Fixture(webhookSecretFile: file)
            try await fixture.app.test(.router) { client in
                let body = ByteBuffer(string: "{}")
                try await client.execute(uri: "/hooks/git", method: .post, body: body) { response in
                    #expect(response.status == .unauthorized)
                }
                let wrong: HTTPFields = [try Self.gitlabToken: "not-the-secret"]
                try await client.execute(uri: "/hooks/git", method: .post, headers: wrong, body: body) { response in
                    #expect(response.status == .unauthorized)
                }
                #expect(await fixture.trigger.isRequested == false)

                let valid: HTTPFields = [try Self.gitlabToken: "hook-secret"]
                try await client.execute(uri: "/hooks/git", method: .post, headers: valid, body: body) { response in
                    #expect(response.status == .accepted)
                    #expect(String(buffer: response.body) == "sync requested\n")
                }
                #expect(await fixture.trigger.isRequested)
            }
        }
    }

    @Test("a push webhook body over 1 MiB gets 413 and requests no sync, even with a valid token")
    func oversizedWebhook() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("secret").path
            try "hook-secret\n".write(toFile: file, atomically: true, encoding: .utf8)
            let fixture = try Fixture(webhookSecretFile: file)
            try await fixture.app.test(.router) { client in
                let valid: HTTPFields = [try Self.gitlabToken: "hook-secret"]
                let body = ByteBuffer(repeating: UInt8(ascii: " "), count: WebhookVerifier.bodyLimit + 1)
                try await client.execute(uri: "/hooks/git", method: .post, headers: valid, body: body) { response in
                    #expect(response.status == .contentTooLarge)
                }
            }
            #expect(await fixture.trigger.isRequested == false)
        }
    }
}

import Manifests
import MooringCore
import Testing

@Suite("spec.analysis and spec.monitors: the live checks a ModelDeployment declares")
struct LiveCheckTests {
    static func record(_ version: String) -> String {
        """
        apiVersion: mooring.dev/v1
        kind: ModelVersion
        metadata: {name: fraud-\(version)}
        spec:
          model: fraud
          version: "\(version)"
          artifact: {uri: "s3://models/fraud/\(version)/", digest: "sha256:\(String(repeating: "ab", count: 32))"}
          metrics: {auc: 0.93}
        """
    }

    static func build(_ deployment: String, policy: ValidationPolicy = ValidationPolicy()) throws -> DesiredState {
        let files = [
            SourceFile(path: "models/fraud/deployment.yaml", bytes: Array(deployment.utf8)),
            SourceFile(path: "models/fraud/versions/1.yaml", bytes: Array(record("1").utf8)),
            SourceFile(path: "models/fraud/versions/2.yaml", bytes: Array(record("2").utf8)),
        ]
        return try DesiredStateBuilder(policy: policy).build(files: files)
    }

    static let header = """
        apiVersion: mooring.dev/v1
        kind: ModelDeployment
        metadata: {name: fraud, namespace: ml-prod}
        spec:
          target: kserve
          format: sklearn
          stable: "1"
        """

    @Test("an analysis with every setting decodes to those values, and monitors follow its schedule")
    func fullAnalysis() throws {
        let state = try Self.build(
            Self.header + """

                  canary: {version: "2", traffic: 10}
                  analysis:
                    interval: 15s
                    failureLimit: 3
                    minDuration: 1h30m
                    checks:
                      - name: error-rate
                        query: sum(rate(errors_total{model="{{model}}",version="{{version}}"}[2m]))
                        max: 0.02
                      - {name: p99, query: "p99{ns=\\"{{ namespace }}\\"}", min: 0, max: 0.25}
                  monitors:
                    - {name: input-drift, query: "psi{model=\\"{{model}}\\",v=\\"{{version}}\\"}", max: 0.2}
                """
        )
        let model = try #require(state.models.first)
        let analysis = try #require(model.analysis)
        #expect(analysis.interval == .seconds(15))
        #expect(analysis.failureLimit == 3)
        #expect(analysis.minDuration == .seconds(5400))
        #expect(analysis.checks.map(\.name) == ["error-rate", "p99"])
        #expect(analysis.checks[0].max == 0.02 && analysis.checks[0].min == nil)
        #expect(analysis.checks[1].min == 0 && analysis.checks[1].max == 0.25)
        #expect(model.monitors.map(\.name) == ["input-drift"])
    }

    @Test("monitors alone use the default schedule: every 30s, 2 failures in a row")
    func monitorsWithDefaults() throws {
        let state = try Self.build(
            Self.header + """

                  monitors:
                    - {name: quality, query: "accuracy", min: 0.9}
                """
        )
        let model = try #require(state.models.first)
        #expect(model.analysis == nil)
        #expect(model.monitors.count == 1)
        #expect(CanaryAnalysis.defaults.interval == .seconds(30))
        #expect(CanaryAnalysis.defaults.failureLimit == 2)
        #expect(CanaryAnalysis.defaults.minDuration == .seconds(600))
    }

    @Test("a host that requires analysis accepts a canary that has it and a model without a canary")
    func requiredAnalysisHeld() throws {
        var policy = ValidationPolicy()
        policy.requireCanaryAnalysis = true
        _ = try Self.build(Self.header, policy: policy)
        _ = try Self.build(
            Self.header + """

                  canary: {version: "2", traffic: 5}
                  analysis:
                    checks: [{name: errors, query: "up", max: 1}]
                """,
            policy: policy
        )
    }

    @Test("a query is filled in per model and version; unknown placeholders stay as written")
    func queryTemplate() {
        let template = QueryTemplate(
            #"rate(x{m="{{model}}",v="{{ version }}",s="{{stable}}",n="{{namespace}}"}) {{other}} {{"#
        )
        #expect(template.placeholders == ["model", "version", "stable", "namespace", "other"])
        #expect(template.unknownPlaceholders == ["other"])
        let rendered = template.rendered([.model: "fraud", .version: "13", .stable: "12", .namespace: "ml-prod"])
        #expect(rendered == #"rate(x{m="fraud",v="13",s="12",n="ml-prod"}) {{other}} {{"#)
    }

    @Test("a check holds within its bounds, inclusive, and never for NaN")
    func bounds() {
        let check = MetricCheck(name: "c", query: QueryTemplate("q"), min: 0.1, max: 0.5)
        #expect(check.holds(0.1) && check.holds(0.5) && check.holds(0.3))
        #expect(!check.holds(0.09) && !check.holds(0.51) && !check.holds(.nan))
        #expect(MetricCheck(name: "c", query: QueryTemplate("q"), max: 1).holds(-.infinity))
    }
}

import MooringCore

/// The state of one validation run: what has been read so far and every problem found.
struct BuildPass {
    /// Identifies a document (or List item) so problems can be counted per object.
    private struct DocumentKey: Hashable {
        var file: String
        var index: Int
        var prefix: FieldPath

        init(_ document: ManifestDocument) {
            file = document.file
            index = document.document.index
            prefix = document.prefix
        }
    }

    /// A ModelDeployment read from a document, its namespace resolved.
    private struct DeploymentEntry {
        var model: ModelDeployment
        var namespace: String
        var document: ManifestDocument
    }

    /// A ModelVersion read from a document.
    private struct VersionEntry {
        var record: ModelVersion
        var document: ManifestDocument
    }

    /// Where an identity was declared, for duplicate detection.
    private struct Declaration {
        var document: ManifestDocument
        /// "rendered from ModelDeployment …" for rendered objects.
        var note: String?
    }

    let policy: ValidationPolicy
    let scopeSource: KindScopeSource
    private var diagnostics: [Diagnostic] = []
    /// Problems that do not refuse the commit (an unresolved kind, offline).
    private var warnings: [Diagnostic] = []
    private var invalidDocuments: Set<DocumentKey> = []
    private var scope: ResourceScope
    /// Records that exist but could not be read: a model naming one is not told the record is missing.
    private var unreadableRecords: Set<RecordKey> = []

    init(policy: ValidationPolicy, scopes: KindScopeSource) {
        self.policy = policy
        self.scopeSource = scopes
        self.scope = ResourceScope(source: scopes)
    }

    mutating func run(files: [SourceFile], previousFiles: [SourceFile]?) -> ValidationResult {
        let decoded = ManifestDecoder(limits: policy.limits).decode(files)
        diagnostics = decoded.diagnostics
        let documents = decoded.documents.filter { checkEnvelope($0) }
        for document in documents
        where document.identity?.qualifiedKind == "CustomResourceDefinition.apiextensions.k8s.io" {
            scope.learn(fromCustomResourceDefinition: document.object)
        }

        var resources: [Resource] = []
        var declarations: [ObjectIdentity: [Declaration]] = [:]
        var deployments: [DeploymentEntry] = []
        var versions: [VersionEntry] = []
        for document in documents {
            guard let identity = document.identity else { continue }
            if identity.group == MooringKind.group {
                switch readMooringKind(document) {
                case .deployment(let entry):
                    deployments.append(entry)
                    var declared = identity
                    declared.namespace = entry.namespace
                    declarations[declared, default: []].append(Declaration(document: document))
                case .version(let entry):
                    // Records are not applied; their namespace, if any, means nothing.
                    versions.append(entry)
                    var declared = identity
                    declared.namespace = nil
                    declarations[declared, default: []].append(Declaration(document: document))
                case nil:
                    break
                }
            } else if let resource = readPlain(document) {
                resources.append(resource)
                declarations[resource.identity, default: []].append(Declaration(document: document))
            }
        }

        let records = indexRecords(versions)
        if let previousFiles { checkImmutable(versions, previous: previousFiles, current: files) }
        var models: [ModelSummary] = []
        for entry in deployments {
            guard let rendered = render(entry, records: records) else { continue }
            for resource in rendered.resources {
                declarations[resource.identity, default: []].append(
                    Declaration(document: entry.document, note: "rendered from ModelDeployment \(entry.model.name)")
                )
            }
            resources += rendered.resources
            models.append(rendered.summary)
        }
        reportDuplicates(declarations)

        let report = ValidationReport(
            diagnostics: diagnostics,
            fileCount: decoded.fileCount,
            objectCount: decoded.documents.count,
            validObjectCount: decoded.documents.count(where: { !invalidDocuments.contains(DocumentKey($0)) }),
            warnings: warnings
        )
        guard report.isValid else { return ValidationResult(report: report, desiredState: nil) }
        let state = DesiredState(
            resources: resources.map { ($0.identity, $0) }.sorted { $0.0 < $1.0 }.map(\.1),
            models: models.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        )
        return ValidationResult(report: report, desiredState: state)
    }

    // MARK: - Reporting

    private mutating func report(_ diagnostic: Diagnostic, on document: ManifestDocument) {
        diagnostics.append(diagnostic)
        invalidDocuments.insert(DocumentKey(document))
    }

    private mutating func report(
        _ rule: Diagnostic.Rule,
        on document: ManifestDocument,
        at path: FieldPath,
        _ message: String
    ) {
        report(document.diagnostic(rule, at: path, message), on: document)
    }

    private mutating func absorb(_ reader: SpecReader) {
        for diagnostic in reader.diagnostics { report(diagnostic, on: reader.document) }
    }

    // MARK: - Every object

    /// `apiVersion`, `kind` and `metadata.name` are present strings, the first two in Kubernetes' syntax;
    /// `metadata.namespace`, if any, is a DNS-1123 label. Nothing that could read as a kubectl flag (or
    /// hide a control character) gets past here.
    private mutating func checkEnvelope(_ document: ManifestDocument) -> Bool {
        var reader = SpecReader(document)
        if let apiVersion = reader.string(at: "apiVersion", required: true),
            let problem = KubernetesSyntax.apiVersionProblem(apiVersion)
        {
            reader.report(.invalidAPIVersion, at: "apiVersion", "apiVersion \(apiVersion.quotedForDisplay) \(problem)")
        }
        if let kind = reader.string(at: "kind", required: true), let problem = KubernetesSyntax.kindProblem(kind) {
            reader.report(.invalidKind, at: "kind", "kind \(kind.quotedForDisplay) \(problem)")
        }
        if reader.object(at: "metadata", known: nil) == nil, document.object["metadata"] == nil {
            reader.report(.missingField, at: "metadata.name", "metadata.name is required")
        } else if document.object["metadata"]?.objectValue != nil {
            _ = reader.string(at: "metadata.name", required: true)
            if let namespace = reader.string(at: "metadata.namespace"), !namespace.isEmpty,
                let problem = NameRule.dns1123Label.problem(with: namespace)
            {
                reader.report(
                    .invalidName,
                    at: "metadata.namespace",
                    "namespace \(namespace.quotedForDisplay) \(problem)"
                )
            }
        }
        absorb(reader)
        return reader.diagnostics.isEmpty
    }

    /// Checks a plain Kubernetes manifest and returns it as Mooring applies it.
    private mutating func readPlain(_ document: ManifestDocument) -> Resource? {
        guard let identity = document.identity else { return nil }
        var reader = SpecReader(document)
        let (labels, annotations) = reader.labelsAndAnnotations()
        absorb(reader)
        var valid = reader.diagnostics.isEmpty
        valid = checkName(identity, in: document) && valid
        valid = checkOwnMetadata(labels: labels, annotations: annotations, in: document) && valid
        let namespace = resolveNamespace(identity, in: document)
        guard valid, let namespace else { return nil }

        var object = document.object
        var allLabels = labels
        allLabels[ObjectLabels.managedBy] = ObjectLabels.managedByValue
        var allAnnotations = annotations
        allAnnotations[ObjectLabels.sourceFile] = document.file
        object.set(.object(allLabels.mapValues { .string($0) }), at: "metadata.labels")
        object.set(.object(allAnnotations.mapValues { .string($0) }), at: "metadata.annotations")
        if case .namespaced(let name) = namespace { object.set(.string(name), at: "metadata.namespace") }
        return Resource(object: object, origin: document.origin)
    }

    private mutating func checkName(_ identity: ObjectIdentity, in document: ManifestDocument) -> Bool {
        let rule = NameRule.forKind(identity.kind, group: identity.group)
        guard let problem = rule.problem(with: identity.name) else { return true }
        report(
            .invalidName,
            on: document,
            at: "metadata.name",
            "\(identity.kind) name \(identity.name.quotedForDisplay) is not \(rule.title): it \(problem)"
        )
        return false
    }

    /// `app.kubernetes.io/managed-by` may only say `mooring`; `mooring.dev/` keys are Mooring's to set.
    private mutating func checkOwnMetadata(
        labels: [String: String],
        annotations: [String: String],
        in document: ManifestDocument
    ) -> Bool {
        var valid = true
        if let manager = labels[ObjectLabels.managedBy], manager != ObjectLabels.managedByValue {
            report(
                .managedByConflict,
                on: document,
                at: FieldPath.root.appending("metadata").appending("labels").appending(ObjectLabels.managedBy),
                "the object says it is managed by \"\(manager)\", but Mooring manages everything in this folder; remove the label or move the object out of the folder"
            )
            valid = false
        }
        for (section, keys) in [("labels", labels.keys), ("annotations", annotations.keys)] {
            for key in keys.sorted() where key.hasPrefix(MooringMetadata.reservedPrefix) {
                report(
                    .reservedMetadata,
                    on: document,
                    at: FieldPath.root.appending("metadata").appending(section).appending(key),
                    "\(key) is set by Mooring itself; remove it from the manifest"
                )
                valid = false
            }
        }
        return valid
    }

    private enum ResolvedNamespace {
        case clusterScoped
        case namespaced(String)
    }

    /// The namespace an object lands in, after the host's default and policy; `nil` (reported) when refused.
    private mutating func resolveNamespace(
        _ identity: ObjectIdentity,
        in document: ManifestDocument
    ) -> ResolvedNamespace? {
        let resolution = scope.resolve(group: identity.group, kind: identity.kind)
        if resolution == .unresolved {
            switch scopeSource {
            case .cluster:
                report(
                    .kindNotServed,
                    on: document,
                    at: "kind",
                    "the cluster serves no \(identity.qualifiedKind) (\(document.object["apiVersion"]?.stringValue ?? "")), and no CustomResourceDefinition in the folder defines it; install its CRD first or add it to the folder"
                )
                return nil
            case .builtIn(let strict):
                let diagnostic = document.diagnostic(
                    .unresolvedKind,
                    at: "kind",
                    "the scope of \(identity.qualifiedKind) is not known offline (not a built-in kind, no CustomResourceDefinition in the folder); taken as namespaced here, the cluster decides at sync time"
                )
                if strict { report(diagnostic, on: document) } else { warnings.append(diagnostic) }
            }
        }
        if resolution == .clusterScoped {
            var valid = true
            if identity.namespace != nil {
                report(
                    .unexpectedNamespace,
                    on: document,
                    at: "metadata.namespace",
                    "\(identity.qualifiedKind) is cluster-scoped; remove metadata.namespace"
                )
                valid = false
            }
            if !policy.allowsClusterKind(group: identity.group, kind: identity.kind) {
                let allowed = policy.allowedClusterKinds?.sorted().joined(separator: ", ") ?? ""
                report(
                    .clusterKindNotAllowed,
                    on: document,
                    at: "kind",
                    "the host policy does not allow cluster-scoped \(identity.qualifiedKind) objects (allowed: \(allowed.isEmpty ? "none" : allowed))"
                )
                valid = false
            }
            if identity.group.isEmpty, identity.kind == "Namespace", !isAllowed(namespace: identity.name) {
                report(.namespaceNotAllowed, on: document, at: "metadata.name", notAllowedMessage(identity.name))
                valid = false
            }
            return valid ? .clusterScoped : nil
        }
        guard let namespace = identity.namespace ?? policy.defaultNamespace else {
            report(
                .missingNamespace,
                on: document,
                at: "metadata",
                "\(identity.qualifiedKind) \(identity.name) is namespaced but names no namespace; set metadata.namespace"
            )
            return nil
        }
        if let problem = NameRule.dns1123Label.problem(with: namespace) {
            report(.invalidName, on: document, at: "metadata.namespace", "namespace \"\(namespace)\" \(problem)")
            return nil
        }
        guard isAllowed(namespace: namespace) else {
            report(
                .namespaceNotAllowed,
                on: document,
                at: identity.namespace == nil ? "metadata" : "metadata.namespace",
                notAllowedMessage(namespace)
            )
            return nil
        }
        return .namespaced(namespace)
    }

    private func isAllowed(namespace: String) -> Bool {
        policy.allowedNamespaces?.contains(namespace) ?? true
    }

    private func notAllowedMessage(_ namespace: String) -> String {
        let allowed = policy.allowedNamespaces?.sorted().joined(separator: ", ") ?? ""
        return
            "the host policy does not allow namespace \"\(namespace)\" (allowed: \(allowed.isEmpty ? "none" : allowed))"
    }

    // MARK: - Mooring's kinds

    private enum MooringObject {
        case deployment(DeploymentEntry)
        case version(VersionEntry)
    }

    private mutating func readMooringKind(_ document: ManifestDocument) -> MooringObject? {
        let apiVersion = document.object["apiVersion"]?.stringValue ?? ""
        let kind = document.object["kind"]?.stringValue ?? ""
        guard apiVersion == MooringKind.apiVersion,
            [MooringKind.modelDeployment, MooringKind.modelVersion].contains(kind)
        else {
            report(
                .unknownKind,
                on: document,
                at: apiVersion == MooringKind.apiVersion ? "kind" : "apiVersion",
                "\(apiVersion) \(kind) is not a Mooring kind; Mooring knows \(MooringKind.apiVersion) \(MooringKind.modelDeployment) and \(MooringKind.modelVersion)"
            )
            return nil
        }
        var reader = SpecReader(document)
        if kind == MooringKind.modelVersion {
            let record = ModelVersion.read(&reader)
            absorb(reader)
            guard let record else {
                if let model = document.object["spec"]?["model"]?.stringValue,
                    let version = document.object["spec"]?["version"]?.stringValue
                {
                    unreadableRecords.insert(RecordKey(model: model, version: version))
                }
                return nil
            }
            return .version(VersionEntry(record: record, document: document))
        }
        let model = ModelDeployment.read(&reader)
        absorb(reader)
        // A model with problems is still checked against its records and gates, so that one run
        // reports everything; the commit is refused anyway.
        guard var model else { return nil }
        guard let identity = document.identity else { return nil }
        _ = checkOwnMetadata(labels: model.labels, annotations: model.annotations, in: document)
        if policy.requireCanaryAnalysis, let canary = model.canary, model.analysis?.checks.isEmpty ?? true {
            report(
                .canaryAnalysisRequired,
                on: document,
                at: "spec.canary",
                "this host requires canary analysis (policy.requireCanaryAnalysis): add spec.analysis with checks for canary \(canary.version)"
            )
        }
        // A refused namespace is reported; the model's records and gates are checked all the same.
        var namespace = identity.namespace ?? policy.defaultNamespace ?? ""
        if case .namespaced(let resolved) = resolveNamespace(identity, in: document) { namespace = resolved }
        model.namespace = namespace
        return .deployment(DeploymentEntry(model: model, namespace: namespace, document: document))
    }

    private struct RecordKey: Hashable {
        var model: String
        var version: String
    }

    /// Records by model and version; a second record for the same pair (in file order) is reported.
    private mutating func indexRecords(_ versions: [VersionEntry]) -> [RecordKey: VersionEntry] {
        var records: [RecordKey: VersionEntry] = [:]
        for entry in versions {
            let key = RecordKey(model: entry.record.model, version: entry.record.version)
            if let first = records[key] {
                report(
                    .duplicateVersionRecord,
                    on: entry.document,
                    at: "spec.version",
                    "\(key.model) version \(key.version) already has a record at \(first.document.origin); keep one"
                )
            } else {
                records[key] = entry
            }
        }
        return records
    }

    /// A merged ModelVersion record may not change: compare with the previous commit's record.
    /// A previous file whose bytes are unchanged holds the records it holds now, so only the previous files that
    /// changed or went are decoded again (a one-line commit to 10,000 objects decodes one file, not all).
    private mutating func checkImmutable(
        _ versions: [VersionEntry],
        previous files: [SourceFile],
        current: [SourceFile]
    ) {
        let now = Dictionary(current.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let changed = files.filter { now[$0.path] != $0.bytes }
        var previous: [RecordKey: JSONValue] = [:]
        for document in ManifestDecoder(limits: policy.limits).decode(changed).documents {
            let object = document.object
            guard object["apiVersion"]?.stringValue == MooringKind.apiVersion,
                object["kind"]?.stringValue == MooringKind.modelVersion,
                let model = object["spec"]?["model"]?.stringValue,
                let version = object["spec"]?["version"]?.stringValue
            else { continue }
            previous[RecordKey(model: model, version: version)] = object["spec"]
        }
        for entry in versions {
            let key = RecordKey(model: entry.record.model, version: entry.record.version)
            guard let before = previous[key], let now = entry.document.object["spec"], before != now else { continue }
            let path = FieldPath([.key("spec")] + JSONDifference.firstPath(before, now).components)
            report(
                .versionRecordChanged,
                on: entry.document,
                at: path,
                "the record of \(key.model) version \(key.version) changed after it was merged (\(path) differs from the previous commit); records are immutable — add a new version instead"
            )
        }
    }

    // MARK: - Models

    private mutating func render(
        _ entry: DeploymentEntry,
        records: [RecordKey: VersionEntry]
    ) -> (resources: [Resource], summary: ModelSummary)? {
        let model = entry.model
        var served: [GateCheck.Served] = []
        var named: [(version: String, path: FieldPath)] = [(model.stable, "spec.stable")]
        if let canary = model.canary { named.append((canary.version, "spec.canary.version")) }
        for (version, path) in named {
            let key = RecordKey(model: model.name, version: version)
            guard let record = records[key] else {
                if unreadableRecords.contains(key) {
                    invalidDocuments.insert(DocumentKey(entry.document))
                    continue
                }
                report(
                    .missingVersionRecord,
                    on: entry.document,
                    at: path,
                    "\(model.name) version \(version) has no ModelVersion record (spec.model: \(model.name), spec.version: \"\(version)\"); add models/\(model.name)/versions/\(version).yaml"
                )
                continue
            }
            served.append(GateCheck.Served(record: record.record, document: record.document, namedAt: path))
        }
        let gateProblems = GateCheck(
            deployment: model,
            document: entry.document,
            stable: served.first { $0.namedAt == "spec.stable" },
            canary: served.first { $0.namedAt != "spec.stable" },
            floors: policy.gateFloors
        ).check()
        for diagnostic in gateProblems { report(diagnostic, on: entry.document) }
        guard served.count == model.servedVersions.count else { return nil }
        let renderer = ModelRenderer(
            deployment: model,
            namespace: entry.namespace,
            stable: served[0].record,
            canary: served.count > 1 ? served[1].record : nil,
            sourceFile: entry.document.file
        )
        let resources = renderer.render().map { Resource(object: $0, origin: entry.document.origin) }
        let summary = ModelSummary(
            name: model.name,
            namespace: entry.namespace,
            target: model.target,
            stable: model.stable,
            canary: model.canary,
            drift: model.drift,
            objects: resources.map(\.identity).sorted(),
            versions: served.map(\.record),
            source: entry.document.origin,
            analysis: model.analysis,
            monitors: model.monitors,
            gates: model.gates
        )
        return (resources, summary)
    }

    // MARK: - Duplicates

    private mutating func reportDuplicates(_ declarations: [ObjectIdentity: [Declaration]]) {
        for (identity, places) in declarations where places.count > 1 {
            for (position, place) in places.enumerated() {
                // At most three others by name, so a commit of thousands of copies costs linear work.
                var others = Array(places.indices.lazy.filter { $0 != position }.prefix(3)).map { describe(places[$0]) }
                if places.count > 4 { others.append("\(places.count - 4) more") }
                let what = place.note.map { " (\($0))" } ?? ""
                report(
                    .duplicateObject,
                    on: place.document,
                    at: "metadata.name",
                    "\(identity)\(what) is also defined at \(others.joined(separator: ", ")); each object may be defined once"
                )
            }
        }
    }

    private func describe(_ declaration: Declaration) -> String {
        let place = "\(declaration.document.file):\(declaration.document.line(of: "metadata.name"))"
        return declaration.note.map { "\(place) (\($0))" } ?? place
    }
}

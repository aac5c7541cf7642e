extension Diagnostic {
    /// A validation rule, named by a stable identifier such as `gate-failed`.
    ///
    /// New rules are added as new static members; callers matching on names keep working.
    public struct Rule: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// The identifier printed in reports and matched by tools.
        public let name: String

        private init(_ name: String) { self.name = name }

        public var description: String { name }

        public static func < (lhs: Rule, rhs: Rule) -> Bool { lhs.name < rhs.name }

        // Input and syntax.
        /// The file is not valid YAML or JSON.
        public static let yamlSyntax = Rule("yaml-syntax")
        /// YAML that Kubernetes manifests cannot use (a list as a key, an infinite number…).
        public static let yamlUnsupported = Rule("yaml-unsupported")
        /// Lists and objects nested deeper than the limit.
        public static let tooDeep = Rule("too-deep")
        /// A document that expands to more nodes than the budget allows (an alias bomb).
        public static let tooManyNodes = Rule("too-many-nodes")
        /// A file holding more documents than the limit allows.
        public static let tooManyDocuments = Rule("too-many-documents")
        /// A file larger than the limit.
        public static let fileTooLarge = Rule("file-too-large")
        /// A document larger than the limit.
        public static let documentTooLarge = Rule("document-too-large")
        /// More manifest files, or more bytes in all, than the limits allow.
        public static let folderTooLarge = Rule("folder-too-large")
        /// A file that is not UTF-8 text.
        public static let notUTF8 = Rule("not-utf8")
        /// A file that contains a NUL byte.
        public static let nulByte = Rule("nul-byte")
        /// A symbolic link that leads outside the deploy folder.
        public static let symlinkOutsideFolder = Rule("symlink-outside-folder")
        /// A file that cannot be read.
        public static let unreadable = Rule("unreadable")
        /// Reading the commit's files took longer than its deadline (`InputLimits.maxDecodeTime`).
        public static let decodeDeadline = Rule("decode-deadline")

        // Object structure.
        /// A document that is not an object (a list, a string…).
        public static let notAnObject = Rule("not-an-object")
        /// A required field is absent.
        public static let missingField = Rule("missing-field")
        /// A field has the wrong JSON type.
        public static let wrongType = Rule("wrong-type")
        /// A field Mooring's kinds do not define.
        public static let unknownField = Rule("unknown-field")
        /// A field value outside what the field allows.
        public static let invalidValue = Rule("invalid-value")
        /// A name that is not a valid DNS-1123 name for its kind.
        public static let invalidName = Rule("invalid-name")
        /// A Mooring kind, or an API version of it, that Mooring does not know.
        public static let unknownKind = Rule("unknown-kind")
        /// An `apiVersion` that is not `version` or `group/version` in Kubernetes' syntax.
        public static let invalidAPIVersion = Rule("invalid-api-version")
        /// A `kind` that is not a kind name in Kubernetes' syntax.
        public static let invalidKind = Rule("invalid-kind")
        /// A label or annotation key, or a label value, outside Kubernetes' syntax.
        public static let invalidLabel = Rule("invalid-label")
        /// A top-level `items` field on an object that is not a List: kubectl would apply the items instead.
        public static let itemsOutsideList = Rule("items-outside-list")
        /// A kind whose scope neither the built-in table, a CRD in the folder nor the cluster tells
        /// (a warning offline, an error under `mooring validate --strict`).
        public static let unresolvedKind = Rule("unresolved-kind")
        /// A kind the cluster does not serve (at sync and diff time, from the cluster's discovery).
        public static let kindNotServed = Rule("kind-not-served")
        /// Two documents describe the same object.
        public static let duplicateObject = Rule("duplicate-object")
        /// A namespaced object without a namespace, and no default namespace.
        public static let missingNamespace = Rule("missing-namespace")
        /// A cluster-scoped object that names a namespace.
        public static let unexpectedNamespace = Rule("unexpected-namespace")
        /// `app.kubernetes.io/managed-by` set to something other than `mooring`.
        public static let managedByConflict = Rule("managed-by-conflict")
        /// A label or annotation under `mooring.dev/` that only Mooring may set.
        public static let reservedMetadata = Rule("reserved-metadata")

        // Models.
        /// A ModelDeployment serves a version that has no ModelVersion record.
        public static let missingVersionRecord = Rule("missing-version-record")
        /// Two ModelVersion records for the same model and version.
        public static let duplicateVersionRecord = Rule("duplicate-version-record")
        /// A ModelVersion record differs from the one in the previous commit.
        public static let versionRecordChanged = Rule("version-record-changed")
        /// Canary traffic outside 0–100.
        public static let canaryTrafficOutOfRange = Rule("canary-traffic-out-of-range")
        /// The canary version is the stable version.
        public static let canaryEqualsStable = Rule("canary-equals-stable")
        /// A version fails a metric gate.
        public static let gateFailed = Rule("gate-failed")
        /// A gate names a metric the version record does not have.
        public static let gateMetricMissing = Rule("gate-metric-missing")
        /// A live-check query names a template variable Mooring does not fill in.
        public static let queryVariableUnknown = Rule("query-variable-unknown")
        /// A canary without `spec.analysis` where the host requires analysis for every canary.
        public static let canaryAnalysisRequired = Rule("canary-analysis-required")
        /// A served version whose record has no artifact digest (only `noDigest`, saying why).
        public static let artifactDigestMissing = Rule("artifact-digest-missing")

        // Host policy.
        /// A namespace the host policy does not allow.
        public static let namespaceNotAllowed = Rule("namespace-not-allowed")
        /// A cluster-scoped kind the host policy does not allow.
        public static let clusterKindNotAllowed = Rule("cluster-kind-not-allowed")

        /// Every rule, for documentation and tests.
        public static let all: [Rule] = [
            yamlSyntax, yamlUnsupported, tooDeep, tooManyNodes, tooManyDocuments, fileTooLarge, documentTooLarge,
            folderTooLarge,
            notUTF8, nulByte, symlinkOutsideFolder, unreadable, decodeDeadline, notAnObject, missingField, wrongType,
            unknownField,
            invalidValue, invalidName,
            unknownKind, invalidAPIVersion, invalidKind, invalidLabel, itemsOutsideList, unresolvedKind,
            kindNotServed, duplicateObject, missingNamespace, unexpectedNamespace, managedByConflict, reservedMetadata,
            missingVersionRecord, duplicateVersionRecord, versionRecordChanged, canaryTrafficOutOfRange,
            canaryEqualsStable, gateFailed, gateMetricMissing, artifactDigestMissing, queryVariableUnknown,
            canaryAnalysisRequired, namespaceNotAllowed, clusterKindNotAllowed,
        ]
    }
}

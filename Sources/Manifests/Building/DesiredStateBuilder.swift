// Folder Manifests: the deploy folder's formats, from files to desired state.
// Folder Manifests/Building: the passes that turn a commit's files into `DesiredState`.

public import MooringCore

/// The Manifests stage: turns one commit's files into the objects that should exist, or refuses the
/// commit with every problem found, each naming file, line and field.
///
/// ```swift
/// let builder = DesiredStateBuilder(policy: policy)
/// let result = builder.validate(files: snapshot.files, previousFiles: previous?.files)
/// ```
/// Pure: no I/O, no processes. Deterministic: the order of `files` does not matter.
public struct DesiredStateBuilder: Sendable {
    public var policy: ValidationPolicy
    /// Where the scope of each kind comes from: the cluster's discovery at sync and diff time, built-in
    /// tables offline.
    public var scopes: KindScopeSource

    public init(policy: ValidationPolicy = ValidationPolicy(), scopes: KindScopeSource = .builtIn(strict: false)) {
        self.policy = policy
        self.scopes = scopes
    }

    /// Validates and renders `files` (paths relative to the deploy folder). With `previousFiles` (the
    /// last applied commit's), ModelVersion records are also checked to be unchanged.
    public func validate(files: [SourceFile], previousFiles: [SourceFile]? = nil) -> ValidationResult {
        var pass = BuildPass(policy: policy, scopes: scopes)
        return pass.run(files: files, previousFiles: previousFiles)
    }

    /// The desired state of `files`, or the report of everything wrong with them.
    public func build(files: [SourceFile], previousFiles: [SourceFile]? = nil) throws(ValidationReport) -> DesiredState
    {
        let result = validate(files: files, previousFiles: previousFiles)
        guard let state = result.desiredState else { throw result.report }
        return state
    }
}

public import MooringCore

/// Whether one object has become what its spec asks for, read from its status.
public struct Readiness: Hashable, Sendable, CustomStringConvertible {
    public enum State: Hashable, Sendable {
        /// Rolled out and serving (a Deployment) or Ready (an InferenceService); present, for other kinds.
        case ready
        /// Still converging: the controller has not caught up, replicas are updating, or Ready is not yet True.
        case progressing
        /// The controller gave up: a Deployment past its progress deadline, for example.
        case failed
        /// The object does not exist.
        case missing
    }

    public var object: ObjectIdentity
    public var state: State
    /// Why, in a few words (`2 of 3 updated replicas are available`); empty when ready.
    public var reason: String

    public init(object: ObjectIdentity, state: State, reason: String = "") {
        self.object = object
        self.state = state
        self.reason = reason
    }

    public var isReady: Bool { state == .ready }

    public var description: String {
        let name = "\(object)"
        switch state {
        case .ready: return "\(name) is ready"
        case .progressing: return "\(name) is progressing: \(reason)"
        case .failed: return "\(name) failed: \(reason)"
        case .missing: return "\(name) does not exist"
        }
    }
}

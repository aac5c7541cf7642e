public import KubeSim

extension KubeSimRequest {
    /// Whether this is a call that changes objects or asks the server what a change would do: POST, PUT,
    /// PATCH or DELETE, server-side dry-runs included.
    public var isWriteOrDryRun: Bool {
        ["POST", "PUT", "PATCH", "DELETE"].contains(method)
    }
}

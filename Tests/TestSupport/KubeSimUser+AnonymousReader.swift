public import KubeSim

extension KubeSimUser {
    /// Requests without credentials may get, list and watch: what `kubectl proxy` needs to read a plain-HTTP server,
    /// since it sends the kubeconfig's token only over TLS (a real cluster's proxy authenticates; KubeSim has no TLS).
    public static let anonymousReader = KubeSimUser(
        name: "system:anonymous",
        token: "",
        verbs: ["get", "list", "watch"]
    )
}

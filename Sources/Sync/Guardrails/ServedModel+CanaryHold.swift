import Manifests

extension ServedModel {
    /// This model as it serves while `holds` are in force: a canary that one of them holds (its version, and the
    /// ModelDeployment aborted when the rendering is known) at 0% of traffic and marked aborted.
    func holding(_ holds: Set<CanaryHold>) -> ServedModel {
        let held = holds.contains { hold in
            hold.namespace == state.namespace && hold.model == name && hold.version == state.canary
                && (summary.map(hold.applies(to:)) ?? true)
        }
        guard held else { return self }
        var model = self
        model.state = state.abortingCanary()
        return model
    }
}

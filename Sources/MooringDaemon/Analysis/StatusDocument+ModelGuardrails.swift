extension StatusDocument {
    /// A model's analysis and monitor results, kept between syncs.
    struct Guardrails: Sendable, Equatable {
        var analysis: Analysis?
        var monitors: [Check]
    }
}

extension StatusDocument.Model {
    /// This model with its guardrails' results from `views` (by `namespace/name`), or none.
    func with(_ views: [String: StatusDocument.Guardrails]) -> StatusDocument.Model {
        var model = self
        let view = views["\(namespace)/\(name)"]
        model.analysis = view?.analysis
        model.monitors = view?.monitors ?? []
        return model
    }
}

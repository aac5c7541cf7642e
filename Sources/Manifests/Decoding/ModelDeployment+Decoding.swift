import MooringCore

extension ModelDeployment {
    /// Reads a `kind: ModelDeployment` document strictly; `nil` when it is too broken to render.
    static func read(_ reader: inout SpecReader) -> ModelDeployment? {
        let metadata = reader.readMetadata(nameRule: .dns1035Label)
        let spec = reader.object(
            at: "spec",
            known: [
                "target", "format", "runtime", "image", "stable", "canary", "replicas", "resources", "gates", "drift",
                "analysis", "monitors",
            ],
            required: true
        )
        guard spec != nil else { return nil }
        let target = reader.choice(ServingTarget.self, at: "spec.target", required: true)
        let format = reader.string(at: "spec.format", required: target == .kserve)
        let runtime = reader.string(at: "spec.runtime")
        let image = reader.string(at: "spec.image", required: target == .deployment)
        if target == .deployment, runtime != nil {
            reader.report(.invalidValue, at: "spec.runtime", "spec.runtime applies to target kserve only; remove it")
        }
        if target == .kserve, image != nil {
            reader.report(
                .invalidValue,
                at: "spec.image",
                "spec.image applies to target deployment only; KServe picks the image from spec.runtime"
            )
        }
        let stable = reader.version(at: "spec.stable")
        let canary = readCanary(&reader, stable: stable)
        let replicas = readReplicas(&reader)
        let resources = readResources(&reader)
        let gates = readGates(&reader)
        let drift = reader.choice(DriftPolicy.self, at: "spec.drift")
        let analysis = readAnalysis(&reader, hasCanary: canary != nil)
        let monitors = readChecks(&reader, at: "spec.monitors")
        guard let metadata, let target, let stable, let replicas else { return nil }
        return ModelDeployment(
            name: metadata.name,
            namespace: metadata.namespace,
            labels: metadata.labels,
            annotations: metadata.annotations,
            target: target,
            format: format,
            runtime: runtime,
            image: image,
            stable: stable,
            canary: canary,
            replicas: replicas,
            resources: resources,
            gates: gates,
            drift: drift,
            analysis: analysis,
            monitors: monitors
        )
    }

    private static func readCanary(_ reader: inout SpecReader, stable: String?) -> Canary? {
        guard reader.object(at: "spec.canary", known: ["version", "traffic"]) != nil else { return nil }
        let version = reader.version(at: "spec.canary.version")
        let traffic = reader.int(at: "spec.canary.traffic", required: true)
        if let traffic, !(0...100).contains(traffic) {
            reader.report(
                .canaryTrafficOutOfRange,
                at: "spec.canary.traffic",
                "canary traffic must be a percent from 0 to 100, not \(traffic)"
            )
        }
        if let version, version == stable {
            reader.report(
                .canaryEqualsStable,
                at: "spec.canary.version",
                "canary version \"\(version)\" is the stable version; to promote it, remove spec.canary"
            )
            return nil
        }
        guard let version, let traffic else { return nil }
        return Canary(version: version, traffic: traffic)
    }

    private static func readReplicas(_ reader: inout SpecReader) -> Replicas? {
        guard reader.object(at: "spec.replicas", known: ["min", "max"]) != nil else { return Replicas() }
        let minimum = reader.int(at: "spec.replicas.min")
        let maximum = reader.int(at: "spec.replicas.max")
        let replicas = Replicas(min: minimum ?? 1, max: maximum ?? Swift.max(minimum ?? 1, 1))
        if replicas.min < 0 {
            reader.report(.invalidValue, at: "spec.replicas.min", "spec.replicas.min may not be negative")
            return nil
        }
        if replicas.max < Swift.max(replicas.min, 1) {
            reader.report(
                .invalidValue,
                at: "spec.replicas.max",
                "spec.replicas.max (\(replicas.max)) must be at least 1 and at least spec.replicas.min (\(replicas.min))"
            )
            return nil
        }
        return replicas
    }

    private static func readResources(_ reader: inout SpecReader) -> JSONValue? {
        guard let resources = reader.object(at: "spec.resources", known: ["limits", "requests"]) else { return nil }
        for section in ["limits", "requests"] {
            let path = FieldPath.root.appending("spec").appending("resources").appending(section)
            guard let quantities = reader.object(at: path, known: nil) else { continue }
            for (name, quantity) in quantities where quantity.stringValue == nil && quantity.doubleValue == nil {
                reader.report(
                    .wrongType,
                    at: path.appending(name),
                    "\(path.appending(name)) must be a quantity such as \"2\", \"500m\" or \"4Gi\", not \(quantity.typeDescription)"
                )
            }
        }
        return .object(resources)
    }

    private static func readGates(_ reader: inout SpecReader) -> [Gate] {
        guard let elements = reader.list(at: "spec.gates") else { return [] }
        var gates: [Gate] = []
        for position in elements.indices {
            let path = FieldPath.root.appending("spec").appending("gates").appending(index: position)
            guard
                reader.object(
                    at: path,
                    known: ["metric", "min", "max", "minDeltaVsStable", "direction"],
                    required: true
                ) != nil
            else { continue }
            let metric = reader.string(at: path.appending("metric"), required: true)
            let minimum = reader.number(at: path.appending("min"))
            let maximum = reader.number(at: path.appending("max"))
            let delta = reader.number(at: path.appending("minDeltaVsStable"))
            let direction = reader.choice(Gate.Direction.self, at: path.appending("direction")) ?? .higher
            guard let metric else { continue }
            if minimum == nil, maximum == nil, delta == nil {
                reader.report(.missingField, at: path, "gate on \(metric) needs min, max or minDeltaVsStable")
                continue
            }
            if let minimum, let maximum, minimum > maximum {
                reader.report(
                    .invalidValue,
                    at: path.appending("max"),
                    "gate on \(metric) has max below min; no version can pass"
                )
                continue
            }
            gates.append(
                Gate(metric: metric, min: minimum, max: maximum, minDeltaVsStable: delta, direction: direction)
            )
        }
        return gates
    }
}

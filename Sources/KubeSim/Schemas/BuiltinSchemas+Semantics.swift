extension BuiltinSchemas {
    /// Lists that are not atomic, from the Go types' `listType`/`listMapKey`/`patchMergeKey` tags.
    static let listTypes: [String: ListType] = [
        "V1ObjectMeta.finalizers": .set,
        "V1ObjectMeta.ownerReferences": .map(keys: ["uid"], mergeKey: "uid"),
        "V1PodSpec.containers": .map(keys: ["name"], mergeKey: "name"),
        "V1PodSpec.initContainers": .map(keys: ["name"], mergeKey: "name"),
        "V1PodSpec.ephemeralContainers": .map(keys: ["name"], mergeKey: "name"),
        "V1PodSpec.volumes": .map(keys: ["name"], mergeKey: "name"),
        "V1PodSpec.imagePullSecrets": .map(keys: ["name"], mergeKey: "name"),
        "V1PodSpec.hostAliases": .map(keys: ["ip"], mergeKey: "ip"),
        "V1PodSpec.topologySpreadConstraints": .map(
            keys: ["topologyKey", "whenUnsatisfiable"],
            mergeKey: "topologyKey"
        ),
        "V1PodSpec.schedulingGates": .map(keys: ["name"], mergeKey: "name"),
        "V1PodSpec.resourceClaims": .map(keys: ["name"], mergeKey: "name"),
        "V1Container.ports": .map(keys: ["containerPort", "protocol"], mergeKey: "containerPort"),
        "V1Container.env": .map(keys: ["name"], mergeKey: "name"),
        "V1Container.volumeMounts": .map(keys: ["mountPath"], mergeKey: "mountPath"),
        "V1Container.volumeDevices": .map(keys: ["devicePath"], mergeKey: "devicePath"),
        "V1EphemeralContainer.ports": .map(keys: ["containerPort", "protocol"], mergeKey: "containerPort"),
        "V1EphemeralContainer.env": .map(keys: ["name"], mergeKey: "name"),
        "V1EphemeralContainer.volumeMounts": .map(keys: ["mountPath"], mergeKey: "mountPath"),
        "V1ResourceRequirements.claims": .map(keys: ["name"], mergeKey: "name"),
        "V1ServiceSpec.ports": .map(keys: ["port", "protocol"], mergeKey: "port"),
        "V1ServiceStatus.conditions": .map(keys: ["type"], mergeKey: "type"),
        "V1ServiceAccount.secrets": .map(keys: ["name"], mergeKey: "name"),
        "V1DeploymentStatus.conditions": .map(keys: ["type"], mergeKey: "type"),
        "V1NamespaceStatus.conditions": .map(keys: ["type"], mergeKey: "type"),
        "V1CustomResourceDefinitionStatus.conditions": .map(keys: ["type"], mergeKey: "type"),
    ]

    /// Structs that are owned and replaced as one field (`+structType=atomic`, `x-kubernetes-map-type: atomic`).
    static let atomicModels: Set<String> = [
        "V1LabelSelector", "V1LocalObjectReference", "V1ConfigMapKeySelector", "V1SecretKeySelector",
        "V1ObjectFieldSelector", "V1ResourceFieldSelector", "V1ConfigMapEnvSource", "V1SecretEnvSource",
        "V1TypedLocalObjectReference", "V1NodeSelector", "V1NodeSelectorTerm", "V1TopologySelectorTerm",
        "V1ObjectReference", "V1SecretReference", "V1RoleRef",
    ]
}

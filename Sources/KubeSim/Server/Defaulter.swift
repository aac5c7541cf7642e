import Foundation
import MooringCore

/// The defaults a real API server fills in, so clients see what real clusters show.
enum Defaulter {
    static func apply(to object: inout JSONValue, type: ResourceType, old: JSONValue?, server: isolated APIServer) {
        switch (type.group, type.plural) {
        case ("apps", "deployments"): deployment(&object)
        case ("", "services"): service(&object, old: old, server: server)
        case ("", "namespaces"): namespace(&object)
        case ("", "secrets"): secret(&object)
        case ("apiextensions.k8s.io", "customresourcedefinitions"): customResourceDefinition(&object)
        default: break
        }
    }

    private static func deployment(_ object: inout JSONValue) {
        var spec = object["spec"] ?? [:]
        if spec["replicas"] == nil { spec["replicas"] = 1 }
        if spec["revisionHistoryLimit"] == nil { spec["revisionHistoryLimit"] = 10 }
        if spec["progressDeadlineSeconds"] == nil { spec["progressDeadlineSeconds"] = 600 }
        var strategy = spec["strategy"] ?? [:]
        if strategy["type"] == nil { strategy["type"] = "RollingUpdate" }
        if strategy["type"]?.stringValue == "RollingUpdate" {
            var rolling = strategy["rollingUpdate"] ?? [:]
            if rolling["maxSurge"] == nil { rolling["maxSurge"] = "25%" }
            if rolling["maxUnavailable"] == nil { rolling["maxUnavailable"] = "25%" }
            strategy["rollingUpdate"] = rolling
        }
        spec["strategy"] = strategy
        if var template = spec["template"] {
            if var podSpec = template["spec"] {
                podTemplate(&podSpec)
                template["spec"] = podSpec
            }
            if template["metadata"] == nil { template["metadata"] = [:] }
            spec["template"] = template
        }
        object["spec"] = spec
    }

    private static func podTemplate(_ spec: inout JSONValue) {
        if spec["restartPolicy"] == nil { spec["restartPolicy"] = "Always" }
        if spec["dnsPolicy"] == nil { spec["dnsPolicy"] = "ClusterFirst" }
        if spec["schedulerName"] == nil { spec["schedulerName"] = "default-scheduler" }
        if spec["terminationGracePeriodSeconds"] == nil { spec["terminationGracePeriodSeconds"] = 30 }
        if spec["securityContext"] == nil { spec["securityContext"] = [:] }
        for field in ["containers", "initContainers"] {
            guard let containers = spec[field]?.arrayValue else { continue }
            spec[field] = .array(containers.map(container))
        }
    }

    private static func container(_ value: JSONValue) -> JSONValue {
        var container = value
        if container["terminationMessagePath"] == nil { container["terminationMessagePath"] = "/dev/termination-log" }
        if container["terminationMessagePolicy"] == nil { container["terminationMessagePolicy"] = "File" }
        if container["imagePullPolicy"] == nil {
            let image = container["image"]?.stringValue ?? ""
            container["imagePullPolicy"] = .string(pullsAlways(image) ? "Always" : "IfNotPresent")
        }
        if let ports = container["ports"]?.arrayValue {
            container["ports"] = .array(
                ports.map { port in
                    var port = port
                    if port["protocol"] == nil { port["protocol"] = "TCP" }
                    return port
                }
            )
        }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            guard var value = container[probe], value.objectValue != nil else { continue }
            for (field, fallback) in [
                ("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1), ("failureThreshold", 3),
            ]
            where value[field] == nil {
                value[field] = .int(fallback)
            }
            if var http = value["httpGet"], http["scheme"] == nil {
                http["scheme"] = "HTTP"
                value["httpGet"] = http
            }
            container[probe] = value
        }
        return container
    }

    /// `:latest` or no tag (and no digest) pulls always.
    private static func pullsAlways(_ image: String) -> Bool {
        if image.contains("@") { return false }
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return true }
        return lastComponent[lastComponent.index(after: colon)...] == "latest"
    }

    private static func service(_ object: inout JSONValue, old: JSONValue?, server: isolated APIServer) {
        var spec = object["spec"] ?? [:]
        if spec["type"] == nil { spec["type"] = "ClusterIP" }
        if spec["sessionAffinity"] == nil { spec["sessionAffinity"] = "None" }
        let headless = spec["clusterIP"]?.stringValue == "None"
        if spec["type"]?.stringValue != "ExternalName" {
            if spec["internalTrafficPolicy"] == nil { spec["internalTrafficPolicy"] = "Cluster" }
            if spec["clusterIP"] == nil || spec["clusterIP"]?.stringValue == "" {
                if let existing = old?["spec"]?["clusterIP"] {
                    spec["clusterIP"] = existing
                } else {
                    spec["clusterIP"] = .string(server.allocateServiceIP())
                }
            }
            if spec["clusterIPs"] == nil, let ip = spec["clusterIP"] { spec["clusterIPs"] = [ip] }
            if spec["ipFamilies"] == nil {
                spec["ipFamilies"] = headless && spec["selector"] == nil ? ["IPv4"] : ["IPv4"]
            }
            if spec["ipFamilyPolicy"] == nil { spec["ipFamilyPolicy"] = "SingleStack" }
        }
        if let ports = spec["ports"]?.arrayValue {
            spec["ports"] = .array(
                ports.map { port in
                    var port = port
                    if port["protocol"] == nil { port["protocol"] = "TCP" }
                    if port["targetPort"] == nil, let number = port["port"] { port["targetPort"] = number }
                    return port
                }
            )
        }
        object["spec"] = spec
        if object["status"] == nil { object["status"] = ["loadBalancer": [:]] }
    }

    /// `type: Opaque`, and `stringData` moved into `data` (base64), as the real server stores secrets.
    private static func secret(_ object: inout JSONValue) {
        if object["type"] == nil { object["type"] = "Opaque" }
        guard let strings = object["stringData"]?.objectValue else { return }
        var data = object["data"]?.objectValue ?? [:]
        for (key, value) in strings {
            data[key] = .string(Data((value.stringValue ?? "").utf8).base64EncodedString())
        }
        object["data"] = .object(data)
        object["stringData"] = nil
    }

    private static func namespace(_ object: inout JSONValue) {
        if object["spec"]?["finalizers"] == nil { object["spec"] = ["finalizers": ["kubernetes"]] }
        if object["status"]?["phase"] == nil { object["status"] = ["phase": "Active"] }
        let name = object["metadata"]?["name"] ?? ""
        var labels = object["metadata"]?["labels"] ?? [:]
        labels["kubernetes.io/metadata.name"] = name
        object["metadata"]?["labels"] = labels
    }

    private static func customResourceDefinition(_ object: inout JSONValue) {
        guard var spec = object["spec"] else { return }
        if var names = spec["names"] {
            if names["singular"] == nil, let kind = names["kind"]?.stringValue {
                names["singular"] = .string(kind.lowercased())
            }
            if names["listKind"] == nil, let kind = names["kind"]?.stringValue {
                names["listKind"] = .string(kind + "List")
            }
            spec["names"] = names
        }
        if spec["conversion"] == nil { spec["conversion"] = ["strategy": "None"] }
        object["spec"] = spec
        object["status"] = CustomResourceDefinitions.acceptedStatus(of: object, now: APIServer.timestamp())
    }
}

extension APIServer {
    /// The next free ClusterIP in 10.96.0.0/12.
    func allocateServiceIP() -> String {
        nextServiceIP += 1
        return "10.96.\(nextServiceIP / 250).\(nextServiceIP % 250 + 1)"
    }
}

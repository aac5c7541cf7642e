import Foundation
import MooringCore

extension APIServer {
    /// A `meta.k8s.io/v1` Table, as `kubectl get` asks for, with the columns the real server prints.
    func table(_ objects: [JSONValue], type: ResourceType, listVersion: String?) -> JSONValue {
        let columns = Self.columns(for: type)
        var definitions: [JSONValue] = [
            [
                "name": "Name", "type": "string", "format": "name",
                "description": "Name must be unique within a namespace.", "priority": 0,
            ]
        ]
        for column in columns {
            definitions.append([
                "name": .string(column.name), "type": .string(column.type), "format": "",
                "description": .string(column.description), "priority": .int(column.priority),
            ])
        }
        definitions.append([
            "name": "Age", "type": "string", "format": "", "description": "CreationTimestamp", "priority": 0,
        ])
        let rows: [JSONValue] = objects.map { object in
            var cells: [JSONValue] = [object["metadata"]?["name"] ?? ""]
            for column in columns { cells.append(column.value(object)) }
            cells.append(.string(Self.age(object["metadata"]?["creationTimestamp"]?.stringValue)))
            var metadata = object["metadata"] ?? [:]
            metadata["managedFields"] = nil
            return [
                "cells": .array(cells),
                "object": ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": metadata],
            ]
        }
        var table: JSONValue = [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": [:],
            "columnDefinitions": .array(definitions), "rows": .array(rows),
        ]
        if let listVersion { table["metadata"] = ["resourceVersion": .string(listVersion)] }
        return table
    }

    private struct Column {
        var name: String
        var type: String = "string"
        var description: String = ""
        var priority = 0
        var value: (JSONValue) -> JSONValue
    }

    private static func columns(for type: ResourceType) -> [Column] {
        switch (type.group, type.plural) {
        case ("apps", "deployments"):
            return [
                Column(name: "Ready") { object in
                    .string(
                        "\(object["status"]?["readyReplicas"]?.intValue ?? 0)/\(object["spec"]?["replicas"]?.intValue ?? 0)"
                    )
                },
                Column(name: "Up-to-date", type: "integer") { .int($0["status"]?["updatedReplicas"]?.intValue ?? 0) },
                Column(name: "Available", type: "integer") { .int($0["status"]?["availableReplicas"]?.intValue ?? 0) },
            ]
        case ("", "services"):
            return [
                Column(name: "Type") { $0["spec"]?["type"] ?? "ClusterIP" },
                Column(name: "Cluster-IP") { $0["spec"]?["clusterIP"] ?? "<none>" },
                Column(name: "External-IP") { _ in "<none>" },
                Column(name: "Port(s)") { object in
                    let ports = (object["spec"]?["ports"]?.arrayValue ?? []).map { port in
                        "\(port["port"]?.intValue ?? 0)/\(port["protocol"]?.stringValue ?? "TCP")"
                    }
                    return .string(ports.isEmpty ? "<none>" : ports.joined(separator: ","))
                },
            ]
        case ("", "namespaces"):
            return [Column(name: "Status") { $0["status"]?["phase"] ?? "Active" }]
        case ("", "configmaps"):
            return [
                Column(name: "Data", type: "integer") { object in
                    .int((object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0))
                }
            ]
        case ("", "secrets"):
            return [
                Column(name: "Type") { $0["type"] ?? "Opaque" },
                Column(name: "Data", type: "integer") { .int($0["data"]?.objectValue?.count ?? 0) },
            ]
        default:
            return type.printerColumns.filter { $0.name.lowercased() != "age" }.map { column in
                Column(name: column.name, type: column.type, description: column.description, priority: column.priority)
                { object in
                    object[path: FieldPath(stringLiteral: String(column.jsonPath.drop { $0 == "." }))] ?? .null
                }
            }
        }
    }

    /// `5s`, `3m`, `2h` since `timestamp`, as kubectl prints ages.
    static func age(_ timestamp: String?) -> String {
        guard let timestamp, let date = ISO8601DateFormatter().date(from: timestamp) else { return "<unknown>" }
        let seconds = max(0, Int(Date().timeIntervalSince(date)))
        if seconds < 120 { return "\(seconds)s" }
        if seconds < 7200 { return "\(seconds / 60)m" }
        if seconds < 172_800 { return "\(seconds / 3600)h" }
        return "\(seconds / 86400)d"
    }
}

// Folder Manifests/Decoding: YAML and JSON documents into objects and Mooring's kinds.

import MooringCore

/// Turns the files of a snapshot into objects: every `*.yaml`, `*.yml` and `*.json` file, every
/// non-empty document, every item of a `List` (or `*List`) — the objects kubectl would apply from them. Problems become diagnostics; reading goes on
/// with the next file so that one run reports all of them.
struct ManifestDecoder: Sendable {
    var limits: InputLimits
    /// How many files are read at once; the output is the same for any number of workers.
    var concurrency = ConcurrentMap()

    /// Whether Mooring reads a file at `path` (by extension; other files are ignored).
    static func isManifest(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") || lowered.hasSuffix(".json")
    }

    struct Output: Sendable {
        var documents: [ManifestDocument] = []
        var diagnostics: [Diagnostic] = []
        /// Manifest files read (or refused).
        var fileCount = 0
    }

    /// What reading one file gave, and what it cost.
    private struct FileRead: Sendable {
        var output = Output()
        /// Alias expansion taken from the commit's budget.
        var aliasesSpent = 0
        /// Whether the deadline had passed when the file was read.
        var finishedLate = false
    }

    /// Reads the files side by side, then takes their results in path order, so the output (order of objects
    /// and diagnostics, which file a limit stops at) is what reading them one after another gives.
    func decode(_ files: [SourceFile]) -> Output {
        var output = Output()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limits.maxDecodeTime)
        let manifests = files.filter { Self.isManifest($0.path) }.sorted { $0.path < $1.path }
        if manifests.count > limits.maxFiles {
            output.diagnostics.append(
                Diagnostic(
                    rule: .folderTooLarge,
                    file: manifests[limits.maxFiles].path,
                    line: 0,
                    message:
                        "the folder holds \(manifests.count) manifest files, more than the limit of \(limits.maxFiles)"
                )
            )
            return output
        }
        let (readable, refusal) = withinTotalBytes(manifests)
        let commitBudget = limits.maxAliasExpansionPerCommit
        // Each file is read as if it were the first; `nil`: the deadline passed before it was started.
        let reads = concurrency.map(readable.count) { index in
            clock.now > deadline ? nil : read(readable[index], aliasBudget: commitBudget, before: deadline)
        }
        var aliasBudget = commitBudget
        for (file, early) in zip(readable, reads) {
            output.fileCount += 1
            guard var fileRead = early else {
                output.diagnostics.append(deadlinePassed(reading: file))
                return output
            }
            // Read on its own, the file spent more than the earlier files left: read it again with what they left.
            if fileRead.aliasesSpent > aliasBudget { fileRead = read(file, aliasBudget: aliasBudget, before: deadline) }
            aliasBudget -= fileRead.aliasesSpent
            output.documents += fileRead.output.documents
            output.diagnostics += fileRead.output.diagnostics
            if fileRead.finishedLate {
                output.diagnostics.append(deadlinePassed(reading: file))
                return output
            }
        }
        if let refusal {
            output.fileCount += 1
            output.diagnostics.append(refusal)
        }
        return output
    }

    /// The files read before their bytes add up to more than the limit, and the refusal of the file that passes it.
    private func withinTotalBytes(_ files: [SourceFile]) -> ([SourceFile], Diagnostic?) {
        var totalBytes = 0
        for (position, file) in files.enumerated() {
            totalBytes += file.bytes.count
            guard totalBytes > limits.maxTotalBytes else { continue }
            let refusal = Diagnostic(
                rule: .folderTooLarge,
                file: file.path,
                line: 0,
                message: "the manifest files add up to more than the limit of \(ByteCount(limits.maxTotalBytes))"
            )
            return (Array(files[..<position]), refusal)
        }
        return (files, nil)
    }

    private func deadlinePassed(reading file: SourceFile) -> Diagnostic {
        Diagnostic(
            rule: .decodeDeadline,
            file: file.path,
            line: 0,
            message:
                "reading the commit's files took longer than \(limits.maxDecodeTime) (the deadline passed while reading this file); nothing more was read"
        )
    }

    private func read(_ file: SourceFile, aliasBudget: Int, before deadline: ContinuousClock.Instant) -> FileRead {
        var fileRead = FileRead()
        var budget = aliasBudget
        decode(file, into: &fileRead.output, aliasBudget: &budget)
        fileRead.aliasesSpent = aliasBudget - budget
        fileRead.finishedLate = ContinuousClock.now > deadline
        return fileRead
    }

    private func decode(_ file: SourceFile, into output: inout Output, aliasBudget: inout Int) {
        guard file.bytes.count <= limits.maxFileBytes else {
            output.diagnostics.append(
                Diagnostic(
                    rule: .fileTooLarge,
                    file: file.path,
                    line: 0,
                    message:
                        "the file is \(ByteCount(file.bytes.count)), more than the limit of \(ByteCount(limits.maxFileBytes))"
                )
            )
            return
        }
        let text: String
        switch TextCheck.decode(file.bytes) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            output.diagnostics.append(
                Diagnostic(rule: problem.rule, file: file.path, line: problem.line, message: problem.message)
            )
            return
        }
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader.documents(in: text, limits: limits.yaml, aliasBudget: &aliasBudget)
        } catch {
            output.diagnostics.append(
                Diagnostic(
                    rule: Self.rule(for: error.code),
                    file: file.path,
                    line: max(error.line, 1),
                    message: error.code == .syntax ? "invalid YAML: \(error.message)" : error.message
                )
            )
            return
        }
        let sizes = documentSizes(documents, in: file.bytes)
        for document in documents {
            if let size = sizes[document.index], size > limits.maxDocumentBytes {
                output.diagnostics.append(
                    Diagnostic(
                        rule: .documentTooLarge,
                        file: file.path,
                        line: document.line,
                        message:
                            "document \(document.index + 1) is about \(ByteCount(size)), more than the limit of \(ByteCount(limits.maxDocumentBytes))"
                    )
                )
                continue
            }
            collect(
                ManifestDocument(file: file.path, document: document, prefix: .root, object: document.value),
                into: &output
            )
        }
    }

    /// Adds a document's object, or a List's items, or says why it is not an object.
    private func collect(_ document: ManifestDocument, into output: inout Output) {
        switch document.object {
        case .null:
            return  // An empty document (or one holding only comments).
        case .object:
            break
        default:
            output.diagnostics.append(
                document.diagnostic(
                    .notAnObject,
                    at: .root,
                    "a manifest must be an object with apiVersion, kind and metadata, not \(document.object.typeDescription)"
                )
            )
            return
        }
        // kubectl applies the items of any object with a top-level `items` list, in place of the object:
        // whatever holds items must be a list Mooring reads item by item, or nothing at all.
        let kind = document.object["kind"]?.stringValue ?? ""
        let isList = kind == "List" || kind.hasSuffix("List")
        guard let items = document.object["items"] else {
            if !(document.prefix.isRoot && kind == "List") { output.documents.append(document) }
            return
        }
        guard document.prefix.isRoot, isList else {
            let what = document.prefix.isRoot ? "\(kind.isEmpty ? "an object" : kind)" : "a List item"
            output.diagnostics.append(
                document.diagnostic(
                    .itemsOutsideList,
                    at: "items",
                    "\(what) carries a top-level items field, and kubectl would apply those items in place of the object, unseen by the host policy; only a List (or a *List kind) at the top of a document may hold items"
                )
            )
            return
        }
        guard let list = items.arrayValue else {
            if !items.isNull {
                output.diagnostics.append(
                    document.diagnostic(.wrongType, at: "items", "items must be a list, not \(items.typeDescription)")
                )
            }
            return
        }
        for (position, item) in list.enumerated() {
            var element = document
            element.prefix = FieldPath.root.appending("items").appending(index: position)
            element.object = item
            if item.isNull {
                output.diagnostics.append(
                    element.diagnostic(.notAnObject, at: .root, "a List item must be an object, not null")
                )
            } else {
                collect(element, into: &output)
            }
        }
    }

    /// Approximate bytes of each document, from the line where it starts to where the next one starts.
    /// Only computed when the file could hold a document over the limit.
    private func documentSizes(_ documents: [YAMLDocument], in bytes: [UInt8]) -> [Int: Int] {
        guard bytes.count > limits.maxDocumentBytes else { return [:] }
        var lineStarts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(offset + 1) }
        func offset(ofLine line: Int) -> Int { lineStarts[min(max(line - 1, 0), lineStarts.count - 1)] }
        var sizes: [Int: Int] = [:]
        for (position, document) in documents.enumerated() {
            let end = position + 1 < documents.count ? offset(ofLine: documents[position + 1].line) : bytes.count
            sizes[document.index] = max(0, end - offset(ofLine: document.line))
        }
        return sizes
    }

    static func rule(for code: YAMLError.Code) -> Diagnostic.Rule {
        switch code {
        case .tooDeep: return .tooDeep
        case .tooManyNodes: return .tooManyNodes
        case .tooManyDocuments: return .tooManyDocuments
        case .unsupported: return .yamlUnsupported
        default: return .yamlSyntax
        }
    }
}

import Foundation

/// Reads traces from files, folders and bundled bytes, one at a time, and
/// hands each trace or input error to the caller as soon as it is read.
/// A bad file, line or trace never stops the others.
public struct TraceLoader: Sendable {
    /// Folders holding this file are sites tracereport wrote; their `summary.json` is not a trace.
    public static let siteMarker = ".tracereport-site"

    /// Keep each trace's parsed JSON in `LoadedTrace.raw` (for handing traces on unchanged); off, it is freed at once.
    public var keepRaw: Bool
    /// Hears what a user should know but is no error (a database table without some columns).
    public var notes: @Sendable (String) -> Void

    /// Creates a loader.
    public init(keepRaw: Bool = false, notes: @escaping @Sendable (String) -> Void = { _ in }) {
        self.keepRaw = keepRaw
        self.notes = notes
    }

    /// The files an input stands for: itself, or a folder's `*.json` and `*.jsonl` in sorted path order.
    public func files(for path: String) throws(InputError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(source: path, reason: "no such file or folder: check the path")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw InputError(source: path, reason: "cannot list this folder: check its permissions")
        }
        var files: [String] = []
        var sites: [String] = []
        for case let relative as String in enumerator {
            let name = (relative as NSString).lastPathComponent
            if name == Self.siteMarker { sites.append((relative as NSString).deletingLastPathComponent) }
            if name.hasSuffix(".json") || name.hasSuffix(".jsonl") { files.append(relative) }
        }
        let inSite = { (file: String) in sites.contains { $0.isEmpty || file.hasPrefix($0 + "/") } }
        return files.filter { !inSite($0) }.sorted().map { (path as NSString).appendingPathComponent($0) }
    }

    /// Reads every input in order, calling `body` for each trace or error. A database that cannot be
    /// read throws `DatabaseError` (after the rows read before it were handed on).
    public func load(_ inputs: [TraceInput], _ body: (TraceLoadResult) throws -> Void) throws {
        try units(inputs) { unit in
            for result in unit.decode(keepRaw: keepRaw) { try body(result) }
        }
    }

    /// Reads every input in order into undecoded units: files a chunk at a time, JSONL line by line.
    public func units(_ inputs: [TraceInput], _ body: (LoadUnit) throws -> Void) throws {
        for input in inputs {
            switch input {
            case .database(let query):
                try TraceTableReader(query: query).read(note: notes, body)
            case .bytes(let name, let data):
                if name.hasSuffix(".jsonl") {
                    var lineNumber = 0
                    for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                        lineNumber += 1
                        try body(.line(source: "\(name):\(lineNumber)", bytes: Data(line)))
                    }
                } else {
                    try body(.document(source: name, bytes: data))
                }
            case .path(let path):
                let files: [String]
                do { files = try self.files(for: path) } catch {
                    try body(.failure(error))
                    continue
                }
                for file in files { try units(ofFile: file, body) }
            }
        }
    }

    private func units(ofFile file: String, _ body: (LoadUnit) throws -> Void) rethrows {
        if file.hasSuffix(".jsonl") {
            guard var reader = try? LineReader(path: file) else {
                return try body(
                    .failure(InputError(source: file, reason: "cannot read this file: check its permissions")))
            }
            defer { reader.close() }
            var lineNumber = 0
            while true {
                let line: Data?
                do { line = try reader.next() } catch {
                    return try body(
                        .failure(
                            InputError(
                                source: "\(file):\(lineNumber + 1)",
                                reason: "read failed: \(error.localizedDescription)")))
                }
                guard let line else { break }
                lineNumber += 1
                try body(.line(source: "\(file):\(lineNumber)", bytes: line))
            }
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                return try body(
                    .failure(InputError(source: file, reason: "cannot read this file: check its permissions")))
            }
            try body(.document(source: file, bytes: data))
        }
    }

    /// One JSONL line: a trace, nothing (blank line) or an error naming the line.
    static func decodeLine(_ line: Data, source: String, keepRaw: Bool = false) -> TraceLoadResult? {
        var text = line
        if source.hasSuffix(":1"), text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        do throws(TraceFieldError) {
            let value = try JSONDocumentParser.parse(text)
            return .trace(
                LoadedTrace(trace: try TraceDecoder.decode(value), source: source, raw: keepRaw ? value : nil))
        } catch {
            return .failure(
                InputError(source: source, path: error.path == .root ? nil : error.path, reason: error.reason))
        }
    }

    /// A `.json` document: one trace object, or an array of them.
    static func decodeDocument(_ data: Data, source: String, keepRaw: Bool = false) -> [TraceLoadResult] {
        let value: JSONValue
        do throws(TraceFieldError) { value = try JSONDocumentParser.parse(data) } catch {
            return [.failure(InputError(source: source, reason: error.reason))]
        }
        let items: [(JSONValue, JSONPath)]
        switch value {
        case .array(let elements):
            if elements.isEmpty { return [.failure(InputError(source: source, reason: "the array holds no traces"))] }
            items = elements.enumerated().map { ($1, JSONPath.root.index($0)) }
        case .object: items = [(value, .root)]
        default:
            return [
                .failure(
                    InputError(
                        source: source,
                        reason: "expected a trace object or an array of them, found \(value.typeDescription)"))
            ]
        }
        return items.map { (value, path) -> TraceLoadResult in
            do throws(TraceFieldError) {
                return .trace(
                    LoadedTrace(
                        trace: try TraceDecoder.decode(value, at: path), source: source, raw: keepRaw ? value : nil))
            } catch {
                return .failure(InputError(source: source, path: error.path, reason: error.reason))
            }
        }
    }
}

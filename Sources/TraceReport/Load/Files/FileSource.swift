import Foundation

/// A `.json` or `.jsonl` file, or a folder read recursively for them in sorted path order (sites
/// tracereport wrote left out: their `summary.json` is no trace; so are the golden tables' exports).
public struct FileSource: TraceSource {
    /// The path as given.
    public var path: String

    /// Creates a file or folder input.
    public init(path: String) { self.path = path }

    public var name: String { path }

    public func units(_ loader: TraceLoader, _ body: (LoadUnit) throws -> Void) throws {
        let files: [String]
        do { files = try Self.files(for: path) } catch { return try body(.failure(error)) }
        for file in files { try Self.units(ofFile: file, body) }
    }

    /// A folder's golden tables, exported as JSON lines beside the traces (`tb_golden_query.jsonl`, ...).
    public func goldenTables() -> GoldenRead {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
            let (tables, errors) = GoldenTablesReader.read(folder: path)
        else { return GoldenRead() }
        return GoldenRead(tables: tables, errors: errors)
    }

    /// The files an input stands for: itself, or a folder's `*.json` and `*.jsonl` in sorted path order.
    static func files(for path: String) throws(InputError) -> [String] {
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
            if name == TraceLoader.siteMarker { sites.append((relative as NSString).deletingLastPathComponent) }
            if GoldenTablesReader.isExport(name) { continue }  // golden tables, not traces
            if name.hasSuffix(".json") || name.hasSuffix(".jsonl") { files.append(relative) }
        }
        let inSite = { (file: String) in sites.contains { $0.isEmpty || file.hasPrefix($0 + "/") } }
        return files.filter { !inSite($0) }.sorted().map { (path as NSString).appendingPathComponent($0) }
    }

    static func units(ofFile file: String, _ body: (LoadUnit) throws -> Void) rethrows {
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
}

extension TraceInput {
    /// A `.json` or `.jsonl` file, or a folder read recursively for them.
    public static func path(_ path: String) -> TraceInput { TraceInput(FileSource(path: path)) }
}

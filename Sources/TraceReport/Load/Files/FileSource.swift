import Foundation

/// A `.json` or `.jsonl` file, or a folder read recursively for them in sorted path order (sites
/// tracereport wrote left out: their `summary.json` is no trace; so are the golden tables' exports).
public struct FileSource: TraceSource {
    /// The path as given.
    public var path: String

    /// Creates a file or folder input.
    public init(path: String) { self.path = path }

    /// The input as reports name it: relative to the working folder (`ShownPath`).
    public var name: String { ShownPath.relative(path) }

    public func units(_ loader: TraceLoader, _ body: (LoadUnit) throws -> Void) throws {
        let found: (files: [String], errors: [InputError])
        do { found = try Self.files(for: path) } catch {
            var error = error
            error.source = ShownPath.relative(error.source)
            return try body(.failure(error))
        }
        for var error in found.errors {
            error.source = ShownPath.relative(error.source)
            try body(.failure(error))
        }
        for file in found.files { try Self.units(ofFile: file, reuse: loader.reuse, body) }
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
    /// Symbolic links are followed, each real file read once; a link loop, a folder that cannot be listed
    /// and a `*.json(l)` that is no regular file (a FIFO would block the read for ever) are input errors
    /// naming them, and the rest is read.
    static func files(for path: String) throws(InputError) -> (files: [String], errors: [InputError]) {
        guard let kind = FileKind(path) else {
            throw InputError(source: path, reason: "no such file or folder: check the path")
        }
        switch kind {
        case .regular: return ([path], [])
        case .other(let what):
            throw InputError(source: path, reason: "\(what), not a file: pass a .json or .jsonl file or a folder")
        case .directory: break
        }
        var walk = FolderWalk(root: path)
        walk.visit(folder: path, relative: "")
        let inSite = { (file: String) in walk.sites.contains { $0.isEmpty || file.hasPrefix($0 + "/") } }
        let files = walk.files.filter { !inSite($0) }.sorted().map { (path as NSString).appendingPathComponent($0) }
        return (files, walk.errors.filter { !inSite($0.relative) }.map(\.error))
    }

    /// The units of one file, each named by the file's shown path (`ShownPath`) and, in JSONL, its line.
    /// A JSONL file is stamped (`FileStamp`) before it is read, and `reuse` may take it over unread.
    static func units(ofFile file: String, reuse: (any FileReuse)? = nil, _ body: (LoadUnit) throws -> Void) throws {
        let shown = ShownPath.relative(file)
        if file.hasSuffix(".jsonl") {
            guard var reader = try? LineReader(path: file) else {
                return try body(
                    .failure(InputError(source: shown, reason: "cannot read this file: check its permissions")))
            }
            defer { reader.close() }
            let stamp = reuse != nil ? FileStamp(fd: reader.fd) : nil
            if let reuse, let stamp, try reuse.reuse(file, shown: shown, stamp: stamp) { return }
            var lineNumber = 0
            while true {
                let line: Data?
                do { line = try reader.next() } catch {
                    return try body(
                        .failure(
                            InputError(
                                source: "\(shown):\(lineNumber + 1)",
                                reason: "read failed: \(error.localizedDescription)")))
                }
                guard let line else { break }
                lineNumber += 1
                try body(.line(source: "\(shown):\(lineNumber)", bytes: line))
            }
            reuse?.read(shown, stamp: stamp, units: lineNumber)
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                return try body(
                    .failure(InputError(source: shown, reason: "cannot read this file: check its permissions")))
            }
            try body(.document(source: shown, bytes: data))
        }
    }
}

extension TraceInput {
    /// A `.json` or `.jsonl` file, or a folder read recursively for them.
    public static func path(_ path: String) -> TraceInput { TraceInput(FileSource(path: path)) }
}

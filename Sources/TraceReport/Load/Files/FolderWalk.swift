import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a path is, symbolic links followed.
enum FileKind: Equatable {
    case regular, directory
    /// A FIFO, socket or device, named for messages.
    case other(String)

    /// The kind of `path`, nil when it does not exist (or is a dangling link).
    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .other("a FIFO (named pipe)")
        case S_IFSOCK: self = .other("a socket")
        case S_IFCHR, S_IFBLK: self = .other("a device")
        default: self = .other("a special file")
        }
    }
}

/// A folder read recursively for `*.json` and `*.jsonl`: symbolic links to files and folders followed,
/// each real file taken once, link loops and unlistable folders and special files reported.
struct FolderWalk {
    let root: String
    /// Relative paths of the trace files found.
    private(set) var files: [String] = []
    /// Relative folders that hold a site tracereport wrote (their `summary.json` is no trace).
    private(set) var sites: [String] = []
    /// Problems, with the relative path they concern.
    private(set) var errors: [(relative: String, error: InputError)] = []
    private var seenFiles: Set<String> = []
    /// The real folders on the way from the root to the one being read: a link back into one is a loop.
    private var open: Set<String> = []
    private var seenFolders: Set<String> = []

    init(root: String) { self.root = root }

    mutating func visit(folder: String, relative: String) {
        let real = Self.realPath(folder)
        guard seenFolders.insert(real).inserted else { return }  // reached again by another link: read once
        open.insert(real)
        defer { open.remove(real) }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            errors.append(
                (relative, InputError(source: folder, reason: "cannot list this folder: check its permissions")))
            return
        }
        for name in names.sorted() {
            let path = (folder as NSString).appendingPathComponent(name)
            let rel = relative.isEmpty ? name : relative + "/" + name
            if name == TraceLoader.siteMarker { sites.append(relative) }
            if GoldenTablesReader.isExport(name) { continue }  // golden tables, not traces
            let traceFile = name.hasSuffix(".json") || name.hasSuffix(".jsonl")
            guard let kind = FileKind(path) else {
                if traceFile {
                    errors.append(
                        (rel, InputError(source: path, reason: "a link to nothing: remove it or fix its target")))
                }
                continue
            }
            switch kind {
            case .directory:
                if Self.isLink(path), open.contains(Self.realPath(path)) {
                    errors.append(
                        (
                            rel,
                            InputError(
                                source: path, reason: "a symbolic link loop: it leads back into a folder it is in")
                        ))
                    continue
                }
                visit(folder: path, relative: rel)
            case .regular:
                guard traceFile, seenFiles.insert(Self.realPath(path)).inserted else { continue }
                files.append(rel)
            case .other(let what):
                guard traceFile else { continue }
                errors.append(
                    (
                        rel,
                        InputError(
                            source: path, reason: "\(what), not a file: it is not read (remove it from the folder)")
                    ))
            }
        }
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}

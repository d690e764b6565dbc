import Foundation

/// Takes unchanged JSONL files over unread. A build notes, for each file it read whole, the file's stamp
/// (`FileStamp`) and the keys of its units, in `.<output>.tracereport-files` beside the output folder. The
/// next build stats each file before reading it: when the stamp is the same, the file's units are the
/// last build's (its manifest lines, parsed in parallel, their pages checked to be its own), as for a table's
/// rows before its watermark. Reading and hashing every file was most of what a build that changed one
/// trace spent on its building thread.
///
/// The list is a cache, not part of the site: a stamp says when a file last changed, not what it holds,
/// so the site stays the same for the same inputs. It is written after the site is published, and a list
/// from another build is harmless: a key names a unit's bytes, and a key the manifest does not hold, or a
/// page that is not the last build's own, has the file read. A file is noted only when it had last changed
/// `FileStamp.margin` before the build began (one written again within the clock's tick after the build
/// read it would keep its stamp), when every line of it was a trace, and when it is not too long to hold.
final class FileReuser: FileReuse, @unchecked Sendable {  // used by the building thread only
    static func path(output: String) -> String {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tracereport-files")
            .path
    }

    /// The list's first line. Then a line per file: its stamp, its shown path as a JSON string, and the keys
    /// of its units, each after a tab.
    static let format = "tracereport-files-1"

    /// Keys noted at most, for all files: beyond them files are read every time (their keys are held in memory).
    static let maxKeys = 200_000

    /// A file whose units are being counted: from unit `start` of the build, `end` once it is read.
    private struct Span {
        var shown: String
        var stamp: FileStamp
        var start: Int
        var end: Int?
        var keys: [String] = []
        var whole = true
    }

    private unowned let build: SiteBuild
    /// Adds the units taken so far (the batch being filled), so that a file's units come after them.
    private let flush: () throws -> Void
    private let last: [String: (stamp: FileStamp, keys: [String])]
    private let began = FileStamp.now
    private var spans: [Span] = []
    /// Units handed to the build (read or taken over), and units it has placed.
    private(set) var queued = 0
    private var placed = 0
    private var noted: [String] = []
    private var keys = 0
    /// Files taken over unread.
    private(set) var files = 0
    /// Where each file taken over is, by its shown path: read again should a trace of it move.
    private(set) var paths: [String: String] = [:]

    /// With `reusing` false (a first build, `--full`), files are only noted.
    init(build: SiteBuild, reusing: Bool, flush: @escaping () throws -> Void) {
        self.build = build
        self.flush = flush
        var last: [String: (FileStamp, [String])] = [:]
        var info = stat()
        let path = Self.path(output: build.site.output)
        // Only a regular file of ours is read: a FIFO planted in its place would block the build.
        if reusing, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            let bytes = FileManager.default.contents(atPath: path).map(Array.init),
            bytes.starts(with: Self.format.utf8)
        {
            for line in bytes.split(separator: 0x0A).dropFirst() {
                let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
                guard fields.count >= 3, let stamp = FileStamp(text: String(decoding: fields[0], as: UTF8.self)),
                    case .string(let file)? = try? JSONDocumentParser.parse(Data(fields[1]))
                else { continue }
                last[file] = (stamp, fields.dropFirst(2).map { String(decoding: $0, as: UTF8.self) })
            }
        }
        self.last = last
    }

    /// A unit is about to be handed to the build.
    func take() { queued += 1 }

    func reuse(_ file: String, shown: String, stamp: FileStamp) throws -> Bool {
        // A file whose read failed part way was never said to be read: it is not noted.
        if let open = spans.indices.last, spans[open].end == nil {
            (spans[open].end, spans[open].whole) = (queued, false)
        }
        guard let units = try takenOver(shown, stamp: stamp) else {
            spans.append(Span(shown: shown, stamp: stamp, start: queued))
            return false
        }
        try flush()
        spans.append(Span(shown: shown, stamp: stamp, start: queued, end: queued + units.count))
        queued += units.count
        paths[shown] = file
        files += 1
        for start in stride(from: 0, to: units.count, by: SiteBuild.batchSize) {
            try build.add(prepared: Array(units[start..<min(start + SiteBuild.batchSize, units.count)]))
        }
        return true
    }

    /// The file's units as the last build left them, when its stamp is the one noted and every unit and page
    /// is the last build's; nil to read the file.
    private func takenOver(_ shown: String, stamp: FileStamp) throws -> [ReportPipeline.Prepared]? {
        guard let record = last[shown], record.stamp == stamp, !record.keys.isEmpty, let previous = build.previous
        else { return nil }
        let (site, fromSpare, recorder) = (build.last, build.fromSpare, build.recorder)
        // Each job reads its share of the lines as well as parsing them: read first on the building thread,
        // alone, they took 9 to 13 ms of a build that changed one trace (of about 120).
        let keys = record.keys
        let chunk = max(64, (keys.count + build.options.jobs * 4 - 1) / (build.options.jobs * 4))
        let chunks = stride(from: 0, to: keys.count, by: chunk).map { $0..<min($0 + chunk, keys.count) }
        let units = try ParallelWork.map(chunks, jobs: build.options.jobs) { range -> [ReportPipeline.Prepared?] in
            let keys = Array(keys[range])
            return zip(keys, previous.lines(keys)).map { key, line -> ReportPipeline.Prepared? in
                guard let line, let traces = try? BuildManifest.traces(fromLine: line, digests: false), !traces.isEmpty
                else { return nil }
                // Started from the spare site, the pages are in the staging folder already.
                guard
                    fromSpare
                        || site.areOwn(
                            traces.flatMap {
                                [
                                    PageNamer.tracePage($0.trace.name) + ".md",
                                    PageNamer.tracePage($0.trace.name) + ".html",
                                ]
                            })
                else { return nil }
                recorder.readGroup(startingWith: key)
                return .cached(key: key, traces: traces, unit: nil)
            }
        }.flatMap { $0 }
        let taken = units.compactMap { $0 }
        guard taken.count == units.count else { return nil }
        return taken
    }

    func read(_ shown: String, stamp: FileStamp?, units: Int) {
        guard let open = spans.indices.last, spans[open].end == nil, spans[open].shown == shown else { return }
        spans[open].end = queued
        if spans[open].start + units != queued { spans[open].whole = false }
        settle()
    }

    /// The build placed these units, in input order: each file's keys are noted.
    func placed(_ units: [SiteBuild.ReadyUnit]) {
        for unit in units {
            let index = placed
            placed += 1
            guard let first = spans.indices.first, index >= spans[first].start else { continue }
            if let key = unit.key, unit.cacheable, !unit.traces.isEmpty, keys + spans[first].keys.count < Self.maxKeys {
                spans[first].keys.append(key)
            } else {
                spans[first].whole = false
            }
            settle()
        }
    }

    /// Notes the files whose units are all placed.
    private func settle() {
        while let span = spans.first, let end = span.end, placed >= end {
            spans.removeFirst()
            guard span.whole, span.keys.count == end - span.start, span.stamp.isSettled(at: began) else { continue }
            keys += span.keys.count
            noted.append(
                ([span.stamp.text, JSONValue.string(span.shown).compactJSON] + span.keys).joined(separator: "\t"))
        }
    }

    /// A unit of a file taken over, read from the file after all: a trace before it changed where it stands.
    /// The file's lines are held until a unit of another file is asked for.
    func unit(for traces: [BuildManifest.PreviousTrace], key: String) throws -> LoadUnit? {
        guard let source = traces.first?.trace.source, let colon = source.lastIndex(of: ":"),
            let number = Int(source[source.index(after: colon)...]), number >= 1
        else { return nil }
        let shown = String(source[..<colon])
        guard let file = paths[shown] else { return nil }
        if held?.shown != shown {
            var reader = try LineReader(path: file)
            defer { reader.close() }
            var lines: [Data] = []
            while let line = try reader.next() { lines.append(line) }
            held = (shown, lines)
        }
        guard let lines = held?.lines, number <= lines.count,
            BuildManifest.key(source: source, bytes: lines[number - 1]) == key
        else {
            throw PublishError(path: file, reason: "changed while the build read it: build again")
        }
        return .line(source: source, bytes: lines[number - 1])
    }

    private var held: (shown: String, lines: [Data])?

    /// Writes the list for the next build, once the site is published (a cache: a failure is no error). The
    /// new list is a new file renamed over the old one, never written through a link planted in its place.
    func save() {
        let path = Self.path(output: build.site.output)
        guard !noted.isEmpty else {
            unlink(path)
            return
        }
        let temporary = path + ".new"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let bytes = Array(([Self.format] + noted).joined(separator: "\n").utf8 + [0x0A])
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        if written != bytes.count || rename(temporary, path) != 0 { unlink(temporary) }
    }
}

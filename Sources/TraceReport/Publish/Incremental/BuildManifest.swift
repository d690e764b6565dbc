import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a build leaves for the next one, in the site as `.tracereport-manifest`:
/// a fingerprint of everything that shapes every page (templates, baseline,
/// registry, tool version), then for each input unit (a JSONL line or a
/// `.json` file) the hash of its bytes and what it produced. The next build
/// re-renders only units whose hash is new and links the other pages over,
/// and writes the same bytes a full build would.
///
/// A unit's line is a small JSON header, then each trace's digest, tab-separated
/// (compact JSON holds no raw tab): `{"key":…,"traces":[…]}<TAB>{digest}<TAB>{digest}`.
/// A trace's `summary.json` entry is not copied into the manifest: the header says
/// where it stands in the site's `summary.json`, which is read from there.
struct BuildManifest {
    static let fileName = ".tracereport-manifest"
    /// Bump it whenever the same trace renders differently (escaping, templates compiled in, page models):
    /// a last build's pages are reused only under the same version. `RenderingVersionTests` fails when the
    /// golden pages change and this does not.
    static let formatVersion = "tracereport-manifest-15"
    /// A group line (`UnitGroup`) starts so.
    static let groupPrefix = Array("{\"group\":\"".utf8)

    /// One trace a unit produced, as the index, the summary and the pages need it.
    struct CachedTrace: Sendable {
        var traceID: String
        var source: String
        /// The trace's name in the batch.
        var name: String
        /// The trace's digest, named; nil for a last build's trace not read yet (`digestJSON` holds it): an
        /// unchanged group of traces is taken over without reading them (`UnitGroup`). Kept in a box: most
        /// traces of an incremental build have none, and its 200 bytes, inline, were copied with every
        /// move of a trace from step to step (a twentieth of such a build's CPU, in memmove).
        var digest: TraceDigest? {
            get { digestBox?.digest }
            set { digestBox = newValue.map(DigestBox.init) }
        }
        private var digestBox: DigestBox?
        /// The digest as stored (compact JSON), spliced into the row spool and the manifest as it is; a last
        /// build's is a slice of its unit's line (no copy of it, and no check of its UTF-8 made again).
        var digestJSON: ArraySlice<UInt8>
        /// The trace's `summary.json` entry (compact JSON); empty when it is the last build's, at `previousSummary`.
        var summary: String
        /// Where the last build's `summary.json` holds the trace's entry, when it is taken over from there.
        var previousSummary: (offset: Int, length: Int)?
        var baseline: Int?
        /// Which trace with its id it is in the build (1 for the first): later ones are titled so.
        var occurrence = 1
        /// The index page that lists it: its page links back there.
        var indexPage = 1

        init(
            traceID: String, source: String, name: String, digest: TraceDigest?, digestJSON: ArraySlice<UInt8>,
            summary: String, previousSummary: (offset: Int, length: Int)? = nil, baseline: Int?,
            occurrence: Int = 1, indexPage: Int = 1
        ) {
            (self.traceID, self.source, self.name, self.digestJSON) = (traceID, source, name, digestJSON)
            (self.summary, self.previousSummary, self.baseline) = (summary, previousSummary, baseline)
            (self.occurrence, self.indexPage) = (occurrence, indexPage)
            self.digest = digest
        }

        /// Where the trace stood in its build.
        var placement: TracePlacement {
            TracePlacement(name: name, occurrence: occurrence, indexPage: indexPage)
        }

        /// The trace's part of its unit's header (keys sorted), its summary entry now at `summaryOffset`.
        func writeHeader(summaryOffset: Int, to w: inout JSONTextWriter) {
            w.object { w in
                if let baseline {
                    w.key("baseline")
                    w.int(baseline)
                }
                w.key("name")
                w.string(name)
                if occurrence > 1 {
                    w.key("occurrence")
                    w.int(occurrence)
                }
                w.key("page")
                w.int(indexPage)
                w.key("source")
                w.string(source)
                w.key("summary")
                w.array { w in
                    w.int(summaryOffset)
                    w.int(previousSummary?.length ?? summary.utf8.count)
                }
                w.key("traceID")
                w.string(traceID)
            }
        }
    }

    /// A digest, shared by the copies of a trace.
    final class DigestBox: Sendable {
        let digest: TraceDigest
        init(_ digest: TraceDigest) { self.digest = digest }
    }

    /// One trace of the last build: its `summary` still empty, `summaryRange` saying where to read it.
    struct PreviousTrace: Sendable {
        var trace: CachedTrace
        var summaryRange: (offset: Int, length: Int)
        /// The unit's whole line, on its first trace: written again as it is when every trace's summary
        /// entry stands where it stood (`reusableLine`).
        var unitLine: [UInt8]?
    }

    /// The last build's line of a unit, when it is this build's line too: the unit's traces are all the
    /// last build's and each summary entry starts where it did (`offsets`, in order).
    static func reusableLine(_ traces: [PreviousTrace], offsets: [Int]) -> [UInt8]? {
        guard let line = traces.first?.unitLine, traces.count == offsets.count,
            zip(traces, offsets).allSatisfy({ $0.summaryRange.offset == $1 })
        else { return nil }
        return line
    }

    /// The last build's manifest, indexed by unit key without being held in memory: one pass
    /// records where each unit's line starts, and a unit is read (with `pread`, from any thread)
    /// only when the same key turns up again.
    final class Previous: @unchecked Sendable {  // immutable after init; pread is thread-safe
        /// The manifest and the last build's `summary.json`, open for reading (`BuildManifest+Previous`).
        let fd: Int32
        let summaryFD: Int32
        /// Where each unit line starts, by key.
        private(set) var lines: [String: (offset: Int, length: Int)] = [:]
        /// Where each group line starts (see `UnitGroup`), by its first unit's key.
        private(set) var groups: [String: (offset: Int, length: Int)] = [:]
        /// The digest of each index page's inputs (by page number from 1; the first page, with the totals, has none).
        private(set) var indexPages: [String] = []
        /// The digest of each asset page's inputs (`AssetPageDigest`), by the page's path without extension.
        private(set) var assetPages: [String: String] = [:]
        /// Where a read of the table can resume, when the last build read one that can.
        private(set) var watermark: TableWatermark?
        /// How many unit lines the manifest holds, in input order.
        private(set) var unitCount = 0
        /// The manifest's path, read again line by line when a build resumes from its watermark.
        let path: String

        /// The manifest of the site at `site`, or nil when there is none or its fingerprint differs.
        /// Either file being anything but the last build's own (a symbolic link, say) counts as none.
        init?(site: PreviousSite, fingerprint: String) {
            path = site.path(BuildManifest.fileName)
            let own = site.areOwn([BuildManifest.fileName, "summary.json"])
            fd = own ? open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1
            summaryFD = own ? open(site.path("summary.json"), O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1
            guard fd >= 0, summaryFD >= 0 else { return nil }
            guard let reader = try? LineReader(path: path) else { return nil }
            var lineReader = reader
            defer { lineReader.close() }
            var offset = 0
            var first = true
            // Unit and group lines, nearly all of the manifest, are looked at in the reader's buffer: only
            // their key is copied out.
            while let scanned = try? lineReader.withNextLine({ BuildManifest.scan($0) }) {
                let line: Data
                switch scanned {
                case .unit(let key, let length):
                    defer { offset += length + 1 }
                    guard !first else { return nil }
                    if lines[key] == nil { lines[key] = (offset, length) }
                    unitCount += 1
                    continue
                case .group(let key, let length):
                    defer { offset += length + 1 }
                    guard !first else { return nil }
                    groups[key] = (offset, length)
                    continue
                case .other(let bytes): line = bytes
                }
                defer { offset += line.count + 1 }
                if first {
                    guard String(decoding: line, as: UTF8.self) == BuildManifest.header(fingerprint) else { return nil }
                    first = false
                    continue
                }
                if line.starts(with: BuildManifest.indexPagesPrefix) {
                    if case .array(let digests)? = try? JSONObjectReader(
                        JSONDocumentParser.parse(line), at: .root
                    ).value("indexPages") {
                        indexPages = digests.map { if case .string(let s) = $0 { s } else { "" } }
                    }
                    continue
                }
                if line.starts(with: BuildManifest.assetPagesPrefix) {
                    if case .object(let digests)? = try? JSONObjectReader(
                        JSONDocumentParser.parse(line), at: .root
                    ).value("assetPages") {
                        for (page, digest) in digests { if case .string(let s) = digest { assetPages[page] = s } }
                    }
                    continue
                }
                if line.starts(with: BuildManifest.watermarkPrefix) {
                    watermark = BuildManifest.watermark(fromLine: Array(line))
                }
            }
        }

        deinit {
            if fd >= 0 { close(fd) }
            if summaryFD >= 0 { close(summaryFD) }
        }
    }

    /// A unit's line: its key and its traces, each trace's summary entry at the offset given.
    static func line(key: String, traces: [(trace: CachedTrace, summaryOffset: Int)]) -> [UInt8] {
        var w = JSONTextWriter()
        w.object { w in
            w.key("key")
            w.string(key)
            w.key("traces")
            w.array { w in for (trace, offset) in traces { trace.writeHeader(summaryOffset: offset, to: &w) } }
        }
        var line = w.utf8
        line.reserveCapacity(line.count + traces.reduce(0) { $0 + 1 + $1.trace.digestJSON.count })
        for (trace, _) in traces {
            line.append(0x09)
            line.append(contentsOf: trace.digestJSON)
        }
        return line
    }

    static func header(_ fingerprint: String) -> String {
        "{\"format\":\"\(formatVersion)\",\"fingerprint\":\"\(fingerprint)\"}"
    }

    /// The key of a unit: a 64-bit hash of its source and bytes, eight bytes at a time, and its length.
    static func key(source: String, bytes: Data) -> String {
        let hash = bytes.withUnsafeBytes { StableHash.words($0, seed: StableHash.value(source + "\u{0}")) }
        return String(hash, radix: 16) + "-" + String(bytes.count)
    }
}

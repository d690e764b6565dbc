import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a build leaves for the next one, in the site as `.tracereport-manifest`:
/// a fingerprint of everything that shapes every page (templates, baseline,
/// build time, tool version), then for each input unit (a JSONL line or a
/// `.json` file) the hash of its bytes and what it produced. The next build
/// re-renders only units whose hash is new and links the other pages over,
/// and writes the same bytes a full build would.
struct BuildManifest {
    static let fileName = ".tracereport-manifest"
    /// Bump when pages change for the same input, so old manifests stop matching.
    static let formatVersion = "tracereport-manifest-3"

    /// One trace a unit produced, as the index, the summary and the pages need it.
    struct CachedTrace: Sendable {
        var name: String
        var traceID: String
        var source: String
        var row: IndexRow
        var summary: String
        var baseline: Int?

        /// The trace as its manifest line holds it, the row already encoded.
        func json(row: String) -> String {
            var fields: [String: JSONValue] = ["name": .string(name), "traceID": .string(traceID), "source": .string(source), "summary": .string(summary)]
            if let baseline { fields["baseline"] = .int(baseline) }
            // The row is spliced in as encoded for the row spool, not encoded a second time.
            let rest = JSONValue.object(fields).compactJSON
            return String(rest.dropLast()) + ",\"row\":" + row + "}"
        }
    }

    /// One unit: its key and its traces.
    struct Unit: Sendable {
        var key: String
        var traces: [CachedTrace]
    }

    /// A unit of the last build: its traces and its manifest line, written again as it was when reused.
    struct Cached: Sendable {
        var traces: [CachedTrace]
        var line: String
    }

    /// The last build's manifest, indexed by unit key without being held in memory: one pass
    /// records where each unit's line starts, and a unit is read (with `pread`, from any thread)
    /// only when the same key turns up again.
    final class Previous: @unchecked Sendable {  // immutable after init; pread is thread-safe
        private let fd: Int32
        private var lines: [String: (offset: Int, length: Int)] = [:]

        /// The manifest of the site at `site`, or nil when there is none or its fingerprint differs.
        init?(site: String, fingerprint: String) {
            let path = (site as NSString).appendingPathComponent(BuildManifest.fileName)
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            guard let reader = try? LineReader(path: path) else { return nil }
            var lineReader = reader
            defer { lineReader.close() }
            var offset = 0
            var first = true
            while let line = try? lineReader.next() {
                defer { offset += line.count + 1 }
                if first {
                    guard String(decoding: line, as: UTF8.self) == BuildManifest.header(fingerprint) else {
                        close(fd)
                        return nil
                    }
                    first = false
                    continue
                }
                // Lines start {"key":"<key>", (keys are sorted): the key is read without parsing the rest.
                let prefix = Array("{\"key\":\"".utf8)
                guard line.starts(with: prefix), let quote = line.dropFirst(prefix.count).firstIndex(of: 0x22) else { continue }
                let key = String(decoding: line[(line.startIndex + prefix.count)..<quote], as: UTF8.self)
                if lines[key] == nil { lines[key] = (offset, line.count) }
            }
        }

        deinit { close(fd) }

        /// The unit with this key in the last build, if any.
        func unit(_ key: String) -> Cached? {
            guard let (offset, length) = lines[key] else { return nil }
            var bytes = [UInt8](repeating: 0, count: length)
            let read = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, off_t(offset)) }
            guard read == length, let unit = try? BuildManifest.unit(from: JSONDocumentParser.parse(Data(bytes))) else { return nil }
            return Cached(traces: unit.traces, line: String(decoding: bytes, as: UTF8.self))
        }
    }

    private static func unit(from value: JSONValue) throws -> Unit {
        let r = try JSONObjectReader(value, at: .root)
        guard let key = try r.string("key"), let traces = try r.array("traces") else { throw TraceFieldError(path: .root, reason: "not a manifest unit") }
        return Unit(key: key, traces: try traces.map { value in
            let t = try JSONObjectReader(value, at: .root)
            guard let name = try t.string("name"), let traceID = try t.string("traceID"), let source = try t.string("source"),
                let summary = try t.string("summary"), let rowValue = t.value("row")
            else { throw TraceFieldError(path: .root, reason: "not a manifest trace") }
            return CachedTrace(name: name, traceID: traceID, source: source, row: try IndexRow(manifest: rowValue), summary: summary, baseline: try t.number("baseline").map { Int($0) })
        })
    }

    /// A unit's line from its traces already encoded with `CachedTrace.json(row:)`.
    static func line(key: String, encodedTraces: [String]) -> String {
        "{\"key\":" + JSONValue.quoted(key) + ",\"traces\":[" + encodedTraces.joined(separator: ",") + "]}"
    }

    static func header(_ fingerprint: String) -> String { "{\"format\":\"\(formatVersion)\",\"fingerprint\":\"\(fingerprint)\"}" }

    /// The key of a unit: a 64-bit hash of its source and bytes, eight bytes at a time, and its length.
    static func key(source: String, bytes: Data) -> String {
        var hash = StableHash.value(source + "\u{0}")
        bytes.withUnsafeBytes { raw in
            var i = 0
            while i + 8 <= raw.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
                hash ^= hash >> 29
                i += 8
            }
            while i < raw.count {
                hash = (hash ^ UInt64(raw[i])) &* 0x0000_0100_0000_01b3
                i += 1
            }
        }
        return String(hash, radix: 16) + "-" + String(bytes.count)
    }
}

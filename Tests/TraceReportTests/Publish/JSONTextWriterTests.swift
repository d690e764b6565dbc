import Foundation
import Testing

@testable import TraceReport

/// `summary.json` entries and index rows are written field by field; they must be
/// the canonical compact JSON (keys sorted, JSONEncoder's escapes) that `JSONValue`
/// prints — itself compared with JSONEncoder in `JSONParserTests`.
@Suite("JSON text writer: summary entries and index rows are canonical compact JSON")
struct JSONTextWriterTests {
    /// Every trace of the fixtures, hostile text included, each also compared with the one before it as a baseline.
    func analyses() -> [TraceAnalysis] {
        var loaded: [LoadedTrace] = []
        for fixture in ["hostile.jsonl", "older-shape.json", "newer-shape-legacy.json"] {
            for case .trace(let t) in TraceLoader().results([.path(TestPaths.fixture(fixture))]) { loaded.append(t) }
        }
        var out: [TraceAnalysis] = []
        for (i, trace) in loaded.enumerated() {
            out.append(TraceAnalyser.analyse(trace))
            if i > 0 {
                out.append(TraceAnalyser.analyse(trace, baseline: BaselineTrace(TraceAnalyser.analyse(loaded[i - 1]))))
            }
        }
        return out
    }

    func canonical(_ text: String) throws -> String { try JSONDocumentParser.parse(Data(text.utf8)).compactJSON }

    @Test("a summary entry reads back to the same bytes as canonical JSON")
    func summaryEntries() throws {
        let all = analyses()
        #expect(all.count >= 6)
        #expect(all.contains { $0.comparison != nil })
        for analysis in all {
            let json = SummaryEntry(analysis, page: "traces/x.html", comparing: true).json
            #expect(try canonical(json) == json)
        }
    }

    @Test("a trace digest reads back to the same bytes and the same digest")
    func traceDigests() throws {
        for analysis in analyses() {
            for comparing in [false, true] {
                var digest = TraceDigest(analysis, comparing: comparing)
                digest.name = "x"
                #expect(try canonical(digest.json) == digest.json)
                let back = try TraceDigest.parse(digest.json)
                #expect(back.json == digest.json)
                #expect(back == digest)
                var paired = digest
                paired.pairing = .paired(
                    before: .init(captured: 0, stages: 5), after: .init(captured: 4, stages: 5),
                    baselineStageAssetsMissing: true)
                #expect(try TraceDigest.parse(paired.json) == paired)
            }
        }
    }

    @Test("a stored digest with a field of the wrong shape, or cut short, is refused rather than misread")
    func damagedDigests() throws {
        var digest = TraceDigest(analyses()[0], comparing: true)
        digest.name = "x"
        digest.goldenQueryID = "gq-\"1\""
        #expect(try TraceDigest.parse(digest.json) == digest)
        let json = digest.json
        for cut in 1..<json.utf8.count {
            let prefix = String(decoding: json.utf8.prefix(cut), as: UTF8.self)
            #expect(throws: (any Error).self) { try TraceDigest.parse(prefix) }
        }
        for damaged in [
            json.replacingOccurrences(of: "\"errors\":", with: "\"errors\":\"1\",\"x\":"),
            json.replacingOccurrences(of: "\"traceID\":", with: "\"traceId\":"),
            json + " {}", "[]", "{\"traceID\":\"t\",\"assets\":[[null,\"k\",\"d\",null]]}",
        ] {
            #expect(throws: (any Error).self) { try TraceDigest.parse(damaged) }
        }
    }

    @Test("a manifest unit line reads back to the traces it was written from; any cut of it is refused")
    func manifestUnitLines() throws {
        var traces: [(trace: BuildManifest.CachedTrace, summaryOffset: Int)] = []
        for (i, analysis) in analyses().prefix(6).enumerated() {
            var digest = TraceDigest(analysis, comparing: i % 2 == 0)
            digest.name = "n\(i)-\"\\-\t"
            digest.goldenQueryID = i == 3 ? "gq \"1\"" : nil
            let trace = BuildManifest.CachedTrace(
                traceID: digest.traceID, source: "in\t\"put\".jsonl:\(i)", name: digest.name, digest: digest,
                digestJSON: ArraySlice(digest.json.utf8),
                summary: SummaryEntry(analysis, page: "traces/x.html", comparing: false).json,
                baseline: i == 2 ? 7 : nil, occurrence: i == 4 ? 2 : 1, indexPage: i + 1)
            traces.append((trace, 1000 * i))
        }
        let line = BuildManifest.line(key: "k-1", traces: traces)
        let back = try BuildManifest.traces(fromLine: line)
        #expect(back.count == traces.count)
        for (read, (written, offset)) in zip(back, traces) {
            #expect(read.trace.digest == written.digest)
            #expect(read.trace.digestJSON == written.digestJSON)
            #expect(read.trace.traceID == written.traceID)
            #expect(read.trace.source == written.source)
            #expect(read.trace.baseline == written.baseline)
            #expect(read.trace.placement == written.placement)
            #expect(read.summaryRange.offset == offset)
            #expect(read.summaryRange.length == written.summary.utf8.count)
        }
        // Read without its digests (an unchanged unit: the recorder reads them only when its group changed).
        let headers = try BuildManifest.traces(fromLine: line, digests: false)
        #expect(headers.map(\.trace.digest) == headers.map { _ in nil })
        #expect(headers.map(\.trace.name) == traces.map(\.trace.name))
        #expect(headers.map(\.trace.digestJSON) == traces.map(\.trace.digestJSON))
        let bytes = line
        for cut in stride(from: 1, to: bytes.count, by: 37) {
            #expect(throws: (any Error).self) { try BuildManifest.traces(fromLine: Array(bytes.prefix(cut))) }
        }
    }
}

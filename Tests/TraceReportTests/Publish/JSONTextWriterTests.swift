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
}

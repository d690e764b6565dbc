import Foundation
import Testing

@testable import TraceReport

/// The real-shaped rows in a real `tb_execution_trace`: `check db` finds what `check` finds in the files,
/// and `--baseline db` pairs rows that never name a parent by their question.
@Suite("Real rows from PostgreSQL", .temporaryFolder, .enabled(if: PostgresServer.available))
struct RealRowsDatabaseTests {
    static func rows() throws -> [String] {
        let text = String(
            decoding: try #require(FileManager.default.contents(atPath: RealRowsTests.folder + "/rows.jsonl")),
            as: UTF8.self)
        return text.split(separator: "\n").map(String.init)
    }

    @Test("check db reports exactly the true findings of the table")
    func check() throws {
        let db = try DatabaseInputTests.Database(lines: try Self.rows())
        let result = try runTraceReport(["check", db.url])
        #expect(result.status == 3)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("db:orch-before-fix: orch-before-fix: -: error stage-assets-missing: ") == true)
        #expect(
            lines.last?.hasPrefix("db:orch-mapping-fallback: orch-mapping-fallback: execute: warning fallback: ")
                == true)
    }

    @Test("--baseline db pairs each row with the latest earlier row of its question, and says so")
    func pairingByQuestion() throws {
        let root = TemporaryFolder.path
        let db = try DatabaseInputTests.Database(lines: try Self.rows())
        let result = try runTraceReport([
            "build", db.url, "--since", "2026-03-02T08:30:00Z", "--baseline", db.url, "--output", root + "/site",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let site = SiteChecker(root: URL(fileURLWithPath: root + "/site"))
        let page = site.text("traces/orch-after-fix.md")
        #expect(
            page.contains(
                "Baseline: **orch-before-fix** (db:orch-before-fix), paired by the same question, the latest recorded before it"
            ))
        #expect(
            site.text("index.md").contains(
                "Before → after: 1 of 1 paired baseline traces had global assets but no per-stage assets; now 0 do."))
        let data = try #require(FileManager.default.contents(atPath: root + "/site/summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let traces = try #require(summary["traces"] as? [[String: Any]])
        let after = try #require(traces.first { $0["trace_id"] as? String == "orch-after-fix" })
        #expect((after["baseline"] as? [String: Any])?["paired_by"] as? String == "question")
        let direct = try #require(traces.first { $0["trace_id"] as? String == "direct-answer" })
        #expect(direct["ran_no_stage"] as? Bool == true && (direct["findings"] as? [Any])?.isEmpty == true)
        let totals = try #require(summary["totals"] as? [String: Any])
        #expect(totals["traces_without_stages"] as? Int == 3)
    }
}

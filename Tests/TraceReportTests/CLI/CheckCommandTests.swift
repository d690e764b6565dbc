import Foundation
import Testing

@testable import TraceReport

@Suite("tracereport check: findings as lines, coverage as an exit code", .temporaryFolder)
struct CheckCommandTests {
    @Test("a legacy trace fails the default gate with exit 3 and one line per finding")
    func legacyFails() throws {
        let file = TestPaths.fixture("newer-shape-legacy.json")
        let result = try runTraceReport(["check", file])
        #expect(result.status == 3)
        #expect(
            result.stdout.split(separator: "\n") == [
                "\(ShownPath.relative(file)): t-newer-legacy: -: error stage-assets-missing: global applied_assets hold 8 assets, but no stage recorded any: all 4 stages have empty or missing applied_assets",
                "\(ShownPath.relative(file)): t-newer-legacy: -: warning asset-source-null: source has \"source\": null; the orchestrator counts it as a fallback, but the record may be incomplete",
                "\(ShownPath.relative(file)): t-newer-legacy: -: warning fallback: source = prometheus_main (fallback) came from a fallback, not the asset registry",
            ])
    }

    @Test("an attributed trace passes: exit 0, its findings still printed")
    func attributedPasses() throws {
        let result = try runTraceReport(["check", TestPaths.fixture("older-shape.json")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("execute: warning fallback: mapping = metric_alias (fallback)"))
    }

    @Test(
        "the design notes' shape (a list of displays under queries) passes the gate with a stage-assets-shape warning, never a lost trace"
    )
    func designNotesShape() throws {
        let root = TemporaryFolder.path
        let trace =
            #"{"trace_id": "after-fix", "duration_ms": "950", "applied_assets": {"schema": {"name": "db_schema", "version": 3}, "queries": [{"name": "query1", "version": 2}, {"name": "query2", "version": 1}]}, "stage_inputs": [{"stage": "execute", "applied_assets": {"queries": ["query1 (v2)", "query2 (v1)"], "schema": "db_schema (v3)"}}]}"#
        try Data((trace + "\n").utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        let result = try runTraceReport(["check", root + "/t.jsonl"])
        #expect(result.status == 0)
        #expect(
            result.stdout.split(separator: "\n") == [
                "\(ShownPath.relative(root))/t.jsonl:1: after-fix: -: warning field-wrong-type: $.duration_ms: expected a number, found a string: read as 950",
                #"\#(ShownPath.relative(root))/t.jsonl:1: after-fix: execute: warning stage-assets-shape: applied_assets["queries"] holds a list of 2 where the orchestrator writes one display string per key: read as one asset per element"#,
            ])
        #expect(result.stderr.contains("checked 1 traces: 2 findings, 0 failing"))
    }

    @Test("--fail-on chooses the failing kinds")
    func failOn() throws {
        #expect(
            try runTraceReport(["check", TestPaths.fixture("older-shape.json"), "--fail-on", "fallback"]).status == 3)
        #expect(
            try runTraceReport(["check", TestPaths.fixture("newer-shape-legacy.json"), "--fail-on", "override"]).status
                == 0)
        let unknown = try runTraceReport(["check", "--fail-on", "stage-assets-mising"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown finding kind \"stage-assets-mising\""))
    }

    @Test("unreadable input without failing findings exits 1; failing findings win with 3")
    func inputErrors() throws {
        #expect(try runTraceReport(["check", TestPaths.fixture("broken")]).status == 1)
        #expect(
            try runTraceReport(["check", TestPaths.fixture("broken"), TestPaths.fixture("newer-shape-legacy.json")])
                .status == 3)
    }

    @Test("trace text with line breaks stays on one line")
    func oneLinePerFinding() throws {
        let result = try runTraceReport(["check", TestPaths.fixture("hostile.jsonl")])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(
            lines.first?.hasPrefix(
                "\(ShownPath.relative(TestPaths.fixture("hostile.jsonl"))):1: ../../etc/passwd: execute<svg onload=alert(1)>: info override:"
            ) == true)
    }

    @Test("the bundled sample: the scoped re-run passes against the legacy one, and says what it added")
    func bundled() throws {
        let result = try runTraceReport(["check"])
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "sample/rerun/scoped.jsonl:1: scoped-q01: route_plan: info asset-added: prompt = ci_planner_prompt (v4) is new since baseline legacy-q01"
            ))
    }
}

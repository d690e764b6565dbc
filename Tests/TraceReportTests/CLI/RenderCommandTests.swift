import Foundation
import Testing

@testable import TraceReport

@Suite("tracereport render: one trace as a code-review attachment", .temporaryFolder)
struct RenderCommandTests {
    @Test("Markdown of the only trace in a file, stages collapsed")
    func markdown() throws {
        let result = try runTraceReport(["render", TestPaths.fixture("older-shape.json")])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Trace t-older\n"))
        #expect(result.stdout.contains("<details><summary>"))
    }

    @Test("--trace-id picks a trace; a file of several without it is an error naming them")
    func pick() throws {
        let file = TestPaths.fixture("hostile.jsonl")
        let picked = try runTraceReport(["render", file, "--trace-id", ".hidden"])
        #expect(picked.status == 0)
        #expect(picked.stdout.hasPrefix("# Trace .hidden\n"))
        let ambiguous = try runTraceReport(["render", file])
        #expect(ambiguous.status == 2)
        #expect(
            ambiguous.stderr
                == "tracereport: error: load: \(ShownPath.relative(file)): holds 3 traces: pass --trace-id to pick one (first: ../../etc/passwd, .hidden, ../../etc/passwd)\n"
        )
        let unknown = try runTraceReport(["render", file, "--trace-id", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("holds no trace with trace_id nope"))
    }

    @Test("--format html is one self-contained page")
    func html() throws {
        let result = try runTraceReport(["render", TestPaths.fixture("older-shape.json"), "--format", "html"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(result.stdout.contains("<style>"))
        #expect(!result.stdout.contains("<link "))
    }
}

@Suite("tracereport render --budget: the attachment within the place it is pasted", .temporaryFolder)
struct RenderBudgetTests {
    /// A trace with `stages` stages, each with a long question-free asset list: big enough to cut.
    static func bigTrace(stages: Int, assetsPerStage: Int) -> String {
        let names = (0..<assetsPerStage).map { "q\($0)_" + String(repeating: "n", count: 40) }
        let global = names.map { #"{"name": "\#($0)", "version": 1, "source": "asset_registry"}"# }.joined(
            separator: ", ")
        let stage = names.map { #""query:\#($0)": "\#($0) (v1)""# }.joined(separator: ", ")
        let inputs = (0..<stages).map { _ in #"{"stage": "execute", "applied_assets": {\#(stage)}}"# }.joined(
            separator: ", ")
        return #"{"trace_id": "big", "applied_assets": {"queries": [\#(global)]}, "stage_inputs": [\#(inputs)]}"#
    }

    @Test(
        "a budget of exactly the attachment's length keeps it whole; one character less cuts it, with a note, within the budget"
    )
    func exactEdge() throws {
        let root = TemporaryFolder.path
        try Data(Self.bigTrace(stages: 12, assetsPerStage: 20).utf8).write(to: URL(fileURLWithPath: root + "/t.json"))
        let whole = try runTraceReport(["render", root + "/t.json", "--budget", "summary"])
        #expect(whole.status == 0 && !whole.stdout.contains("Cut to fit"))
        let length = whole.stdout.unicodeScalars.count
        #expect(length > 20_000)
        let atEdge = try runTraceReport(["render", root + "/t.json", "--budget", String(length)])
        #expect(atEdge.stdout == whole.stdout)
        let under = try runTraceReport(["render", root + "/t.json", "--budget", String(length - 1)])
        #expect(under.status == 0)
        #expect(under.stdout.unicodeScalars.count <= length - 1)
        #expect(under.stdout.contains("Cut to fit \(length - 1) characters: 1 of 12 stages left out"))
        let small = try runTraceReport(["render", root + "/t.json", "--budget", "1000"])
        #expect(small.stdout.unicodeScalars.count <= 1000 && small.stdout.contains("Cut to fit 1000 characters"))
    }

    @Test("comment is 65,536 characters and the default; summary is 1 MiB of UTF-8")
    func namedBudgets() throws {
        let root = TemporaryFolder.path
        try Data(Self.bigTrace(stages: 60, assetsPerStage: 30).utf8).write(to: URL(fileURLWithPath: root + "/t.json"))
        let byDefault = try runTraceReport(["render", root + "/t.json"])
        let comment = try runTraceReport(["render", root + "/t.json", "--budget", "comment"])
        #expect(byDefault.stdout == comment.stdout)
        #expect(
            comment.stdout.unicodeScalars.count <= 65_536
                && comment.stdout.contains("Cut to fit a review comment (65536 characters)"))
        let summary = try runTraceReport(["render", root + "/t.json", "--budget", "summary"])
        #expect(summary.stdout.utf8.count <= 1_048_576 && summary.stdout.utf8.count > 65_536)
        #expect(!summary.stdout.contains("Cut to fit"))
    }

    @Test("a budget too small, not a number, or given with --format html is a usage error")
    func badBudgets() throws {
        for bad in ["999", "-5", "lots"] {
            let result = try runTraceReport(["render", TestPaths.fixture("older-shape.json"), "--budget=\(bad)"])
            #expect(result.status == 2)
            #expect(
                result.stderr.contains(
                    "--budget \(bad): use comment, summary or a number of characters of at least 1000"),
                "\(result.stderr)")
        }
        let html = try runTraceReport([
            "render", TestPaths.fixture("older-shape.json"), "--format", "html", "--budget", "summary",
        ])
        #expect(html.status == 2 && html.stderr.contains("--budget limits the Markdown attachment"))
    }
}

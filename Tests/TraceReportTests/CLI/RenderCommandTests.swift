import Foundation
import Testing

@Suite("tracereport render: one trace as a code-review attachment")
struct RenderCommandTests {
    @Test("Markdown of the only trace in a file, stages collapsed")
    func markdown() throws {
        let result = try runTraceReport(["render", TestPaths.fixture("older-shape.json")])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Trace t\\-older\n"))
        #expect(result.stdout.contains("<details><summary>"))
    }

    @Test("--trace-id picks a trace; a file of several without it is an error naming them")
    func pick() throws {
        let file = TestPaths.fixture("hostile.jsonl")
        let picked = try runTraceReport(["render", file, "--trace-id", ".hidden"])
        #expect(picked.status == 0)
        #expect(picked.stdout.hasPrefix("# Trace \\.hidden\n"))
        let ambiguous = try runTraceReport(["render", file])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr == "tracereport: error: \(file): holds 3 traces: pass --trace-id to pick one (first: ../../etc/passwd, .hidden, ../../etc/passwd)\n")
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

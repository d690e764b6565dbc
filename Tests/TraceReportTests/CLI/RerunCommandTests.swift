import Foundation
import Testing

@testable import TraceReport

@Suite("tracereport rerun: the spec in both orderings, and recorded traces through a user's command", .temporaryFolder)
struct RerunCommandTests {
    @Test("spec mode writes one file per request and ordering; check fails the legacy run and passes the scoped one")
    func specMode() throws {
        let root = TemporaryFolder.path
        let run = try runTraceReport(["rerun", "--output", root + "/runs", "--jobs", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == "Ran 20 queries of ops-assistant-golden-20 (legacy, scoped): wrote 40 traces to \(root)/runs.\n")
        let legacy = try FileManager.default.contentsOfDirectory(atPath: root + "/runs/legacy").sorted()
        #expect(legacy.count == 20 && legacy.first == "legacy-q01.json")
        #expect(try runTraceReport(["check", root + "/runs/legacy"]).status == 3)
        #expect(try runTraceReport(["check", root + "/runs/scoped"]).status == 0)

        let build = try runTraceReport([
            "build", root + "/runs/scoped", "--baseline", root + "/runs/legacy", "--output", root + "/site",
        ])
        #expect(build.status == 0)
        let data = try #require(FileManager.default.contents(atPath: root + "/site/summary.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let first = try #require((json["traces"] as? [[String: Any]])?.first)
        let baseline = try #require(first["baseline"] as? [String: Any])
        #expect(baseline["trace_id"] as? String == "legacy-q01")
        let stage = try #require((baseline["stages"] as? [[String: Any]])?.first)
        #expect(stage["stage"] as? String == "route_plan")
        #expect(
            stage["added"] as? [String: String] == [
                "prompt": "ci_planner_prompt (v4)", "policy": "ci_view_policy (v3)",
                "resolver": "ci_name_resolver (v1)",
            ])
        #expect(stage["status"] as? [String] == ["ok", "ok"])
        let unpaired = try #require(json["unpaired"] as? [String: [Any]])
        #expect(unpaired["baseline"]?.isEmpty == true && unpaired["current"]?.isEmpty == true)
    }

    @Test("--mode and --pipeline: one ordering of the user's spec; a bad spec names the problem")
    func modeAndPipeline() throws {
        let root = TemporaryFolder.path
        try Data(BundledSample.specText.utf8).write(to: URL(fileURLWithPath: root + "/spec.json"))
        let run = try runTraceReport([
            "rerun", "--pipeline", root + "/spec.json", "--mode", "scoped", "--output", root + "/out",
        ])
        #expect(run.status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root + "/out").filter { !$0.hasPrefix(".") } == [
                "scoped"
            ])
        try Data(
            #"{"name": "x", "queries": [{"id": "a", "route": "plan", "stages": {"execute": ["query:nope"]}}]}"#.utf8
        ).write(to: URL(fileURLWithPath: root + "/bad.json"))
        let bad = try runTraceReport(["rerun", "--pipeline", root + "/bad.json", "--output", root + "/out2"])
        #expect(bad.status == 2)
        #expect(
            bad.stderr
                == "tracereport: error: load: \(root)/bad.json: $.queries[0].stages.execute[0]: unknown asset query:nope: it is neither in $.registry nor in $.fallbacks\n"
        )
    }

    func writeTraces(_ root: String, _ lines: [String]) throws -> String {
        let path = root + "/in.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let script = """
        case "$TRACE_ID" in
          fail) echo "first line" >&2; echo "boom: the model is down" >&2; exit 3;;
          slow) sleep 30;;
          junk) echo "this is not json";;
          *) python3 -c 'import json, os; t = json.load(open(os.environ["TRACE_FILE"])); t["trace_id"] += "-new"; t["echo"] = os.environ["TRACE_QUESTION"]; print(json.dumps(t))';;
        esac
        """

    @Test(
        "command mode: successes are stored with their parent; failures report status, timeout or bad output with stderr; exit 1"
    )
    func commandMode() throws {
        let root = TemporaryFolder.path
        let input = try writeTraces(
            root,
            [
                #"{"trace_id": "ok", "question": "fine"}"#, #"{"trace_id": "fail"}"#, #"{"trace_id": "slow"}"#,
                #"{"trace_id": "junk"}"#,
            ])
        let started = Date()
        let run = try runTraceReport([
            "rerun", "--command", Self.script, "--timeout", "1", "--jobs", "4", "--output", root + "/out", input,
        ])
        #expect(Date().timeIntervalSince(started) < 15, "a timed-out command is stopped, not waited for")
        #expect(run.status == 1)
        #expect(run.stdout == "Re-ran 4 traces: 1 new traces written to \(root)/out, 3 failed, 0 inputs unreadable.\n")
        #expect(
            run.stderr.contains(
                "\(ShownPath.relative(input)):2: fail: the command exited with status 3; stderr: first line | boom: the model is down"
            ))
        #expect(run.stderr.contains("\(ShownPath.relative(input)):3: slow: timed out after 1 s and was stopped"))
        #expect(
            run.stderr.contains(
                "\(ShownPath.relative(input)):4: junk: the command printed no valid trace on standard output: not valid JSON"
            ))
        let stored = try #require(FileManager.default.contents(atPath: root + "/out/ok-new.json"))
        let trace = try TraceDecoder.decode(try JSONDocumentParser.parse(stored))
        #expect(trace.traceID == "ok-new" && trace.parentTraceID == "ok")
    }

    @Test("a question full of shell syntax reaches the command only as data")
    func noInjection() throws {
        let root = TemporaryFolder.path
        let questions = [#"\"; touch pwned; echo \""#, #"$(touch pwned2)"#, #"`touch pwned3`"#, #"'; touch pwned4; '"#]
        let input = try writeTraces(
            root, questions.enumerated().map { #"{"trace_id": "q\#($0.offset)", "question": "\#($0.element)"}"# })
        let run = try runTraceReport(["rerun", "--command", Self.script, "--output", root + "/out", input], in: root)
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: root)
        #expect(!files.contains { $0.hasPrefix("pwned") }, "\(files)")
        for i in questions.indices {
            let data = try #require(FileManager.default.contents(atPath: root + "/out/q\(i)-new.json"))
            let value = try JSONDocumentParser.parse(data)
            let original = try TraceDecoder.decode(
                try JSONDocumentParser.parse(Data(#"{"trace_id": "x", "question": "\#(questions[i])"}"#.utf8))
            ).question
            #expect(value.objectField("echo")?.text == original, "TRACE_QUESTION carried the question unchanged")
        }
    }

    @Test(
        "command mode writes each trace as its command finishes, in input order, not all at the end",
        arguments: TestPaths.contractBinaries)
    func streamsTraces(binary: String) throws {
        let root = TemporaryFolder.path
        #expect(
            try runTraceReport(["rerun", "--output", root + "/runs", "--mode", "scoped"], binary: binary).status == 0)
        // Each run notes how many traces of this rerun are already in its staging folder.
        let command =
            "n=$(ls \"$ROOT\"/.again.tracereport-tmp-*/ | wc -l); echo \"$TRACE_ID $n\" >> \"$ROOT/log\"; cat \"$TRACE_FILE\""
        let result = try runTraceReport(
            ["rerun", "--command", command, "--jobs", "1", "--output", root + "/again", root + "/runs/scoped"],
            environment: ["ROOT": root], binary: binary)
        #expect(result.status == 0, "\(result.stderr)")
        let log = String(decoding: FileManager.default.contents(atPath: root + "/log") ?? Data(), as: UTF8.self)
        let seen = log.split(separator: "\n").map { $0.split(separator: " ").last.map { Int($0) ?? -1 } ?? -1 }
        #expect(seen == Array(0..<20), "\(log)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root + "/again").filter { $0.hasSuffix(".json") }.count
                == 20)
    }
}

import Foundation
import Testing

@testable import TraceReport

/// `check --format github|junit|json` and `--summary`, each read by its consumer's own rules:
/// GitHub's workflow-command escaping, JUnit XML through Python's xml.etree, JSON against its schema.
@Suite("tracereport check formats: GitHub annotations, JUnit XML, JSON and the job summary", .temporaryFolder)
struct CheckFormatTests {
    /// A batch with every kind of entry: hostile text, a legacy trace, an attributed one, an
    /// unreadable line, a drift across traces, an allowed finding and an unused allow line.
    static func batch(in root: String) throws -> (inputs: [String], allow: String) {
        let drift = (0..<3).map { i in
            #"{"trace_id": "drift-\#(i)", "applied_assets": {"prompt": {"name": "p", "version": \#(i == 2 ? 3 : 2), "source": "asset_registry"}}, "stage_inputs": [{"stage": "compose", "applied_assets": {"prompt": "p (v\#(i == 2 ? 3 : 2))"}}]}"#
        }
        try Data((drift.joined(separator: "\n") + "\n{\"trace_id\": \n").utf8).write(
            to: URL(fileURLWithPath: root + "/drift.jsonl"))
        try Data("fallback:mapping  # builtin alias until v6 ships\noverride:prompt:nothing-like-this\n".utf8).write(
            to: URL(fileURLWithPath: root + "/allow"))
        return (
            [
                TestPaths.fixture("hostile.jsonl"), TestPaths.fixture("newer-shape-legacy.json"),
                TestPaths.fixture("older-shape.json"), root + "/drift.jsonl",
            ], root + "/allow"
        )
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func python(_ arguments: [String], in root: String) throws -> String {
        let out = root + "/python.out"
        let err = root + "/python.err"
        let ended = try ChildProcess(
            try TestPaths.executable("python3"),
            [TestPaths.packageRoot.path + "/Tests/Formats/validate.py"] + arguments, stdout: out, stderr: err
        ).wait()
        let read = { (p: String) in String(decoding: FileManager.default.contents(atPath: p) ?? Data(), as: UTF8.self) }
        guard ended == .exited(0) else {
            throw ChildProcess.Failure(description: "validate.py \(arguments[0]): \(read(err))")
        }
        return read(out)
    }

    /// GitHub's unescaping of a workflow command's message.
    static func unescapeData(_ text: Substring) -> String {
        text.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%25", with: "%")
    }

    @Test("json: one document valid against its schema, a finding per text line with the same exit status")
    func jsonFormat() throws {
        let root = TemporaryFolder.path
        let (inputs, allow) = try Self.batch(in: root)
        let text = try runTraceReport(["check"] + inputs + ["--allow", allow])
        let json = try runTraceReport(["check"] + inputs + ["--allow", allow, "--format", "json"])
        #expect(json.status == text.status && json.status == 3)
        try Data(json.stdout.utf8).write(to: URL(fileURLWithPath: root + "/check.json"))
        #expect(try Self.python(["json", root + "/check.json"], in: root) == "valid\n")
        let document = try Self.json(json.stdout)
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count == text.stdout.split(separator: "\n").count)
        #expect(
            document["traces"] as? Int == 8 && document["exit_status"] as? Int == 3 && document["failing"] as? Int == 1)
        #expect(
            (document["input_errors"] as? [[String: Any]])?.first?["source"] as? String == ShownPath.relative(root)
                + "/drift.jsonl:4")
        // Trace text arrives as it was, hostile or not.
        #expect(
            findings.contains {
                ($0["trace_id"] as? String) == "../../etc/passwd"
                    && ($0["stage"] as? String) == "execute<svg onload=alert(1)>"
            })
        let allowed = try #require(findings.first { $0["allowed"] as? Bool == true })
        #expect(
            allowed["kind"] as? String == "fallback"
                && allowed["allowed_reason"] as? String == "builtin alias until v6 ships"
                && allowed["failing"] as? Bool == false)
        let drift = try #require(findings.first { $0["kind"] as? String == "version-drift" })
        #expect(drift["trace_id"] is NSNull && drift["source"] is NSNull && drift["stage"] as? String == "compose")
        #expect(
            findings.contains { $0["kind"] as? String == "allow-unused" && ($0["source"] as? String) == allow + ":2" })
        #expect(findings.filter { $0["failing"] as? Bool == true }.count == document["failing"] as? Int)
    }

    @Test("github: a workflow command per finding and input error, escaped as GitHub unescapes, then the totals")
    func githubFormat() throws {
        let root = TemporaryFolder.path
        let (inputs, allow) = try Self.batch(in: root)
        let github = try runTraceReport(["check"] + inputs + ["--allow", allow, "--format", "github"])
        #expect(github.status == 3)
        let findings = try #require(
            try Self.json(try runTraceReport(["check"] + inputs + ["--allow", allow, "--format", "json"]).stdout)[
                "findings"] as? [[String: Any]])
        let lines = github.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == findings.count + 1 + 1, "one per finding, one input error, the summary")
        for (line, finding) in zip(lines, findings) {
            let level: String
            if finding["allowed"] as? Bool == true {
                level = "notice"
            } else {
                level = ["error": "error", "warning": "warning", "info": "notice"][finding["severity"] as! String]!
            }
            let head = "::\(level) title=\(finding["kind"] as! String)::"
            #expect(line.hasPrefix(head), "\(line)")
            // Nothing a trace holds can end the command early or start another on a new line.
            #expect(!line.contains("\r"))
            var message =
                (finding["trace_id"] as? String ?? "-") + " " + (finding["stage"] as? String ?? "-") + ": "
                + (finding["message"] as! String)
            if let reason = finding["allowed_reason"] as? String { message += " (allowed: \(reason))" }
            if finding["trace_id"] is NSNull, let source = finding["source"] as? String {
                message = source + ": " + message
            }
            #expect(Self.unescapeData(line.dropFirst(head.count)) == message)
        }
        #expect(
            lines[findings.count].hasPrefix("::error title=input-error::\(ShownPath.relative(root))/drift.jsonl:4: "))
        #expect(
            lines.last
                == "::error title=tracereport check::checked 8 traces: \(findings.count) findings, 1 failing (asset-unattributed,judgment-blind-spot,regression-fail,stage-assets-inferred,stage-assets-missing), 1 allowed, 1 input errors"
        )
        // The hostile trace's text is escaped where it holds GitHub's special characters.
        #expect(GitHubEscapingProbe.escaped("50%\r\nx:y,z") == "50%25%0D%0Ax:y,z")
        #expect(GitHubAnnotations.property("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    }

    @Test("junit: xml.etree reads a suite per source, a case per trace, a failure per failing finding, nothing skipped")
    func junitFormat() throws {
        let root = TemporaryFolder.path
        let (inputs, allow) = try Self.batch(in: root)
        let junit = try runTraceReport(["check"] + inputs + ["--allow", allow, "--format", "junit"])
        #expect(junit.status == 3)
        try Data(junit.stdout.utf8).write(to: URL(fileURLWithPath: root + "/junit.xml"))
        let counts = try Self.json(try Self.python(["junit", root + "/junit.xml"], in: root))
        #expect(counts["failures"] as? Int == 1 && counts["failure_elements"] as? Int == 1)
        #expect(counts["errors"] as? Int == 1 && counts["error_elements"] as? Int == 1)
        #expect(counts["skipped"] as? Int == 0)
        // 8 traces, the unreadable line, and the batch findings.
        #expect(counts["tests"] as? Int == 10 && counts["cases"] as? Int == 10)
        let suites = try #require(counts["suites"] as? [[String: Any]])
        #expect(suites.map { $0["name"] as! String } == inputs.map { ShownPath.relative($0) } + ["tracereport batch"])
        let hostile = try #require((suites[0]["cases"] as? [[String: Any]])?.first)
        #expect(hostile["name"] as? String == "../../etc/passwd", "trace text is XML-escaped and read back as it was")
        #expect((hostile["system_out"] as? String)?.contains("execute<svg onload=alert(1)>") == true)
        let legacy = try #require((suites[1]["cases"] as? [[String: Any]])?.first)
        let failure = try #require((legacy["failures"] as? [[String: Any]])?.first)
        #expect(failure["type"] as? String == "stage-assets-missing")
        #expect((failure["message"] as? String)?.hasPrefix("-: global applied_assets hold 8 assets") == true)
        // Characters XML cannot hold at all stay readable as text.
        #expect(!junit.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("--summary: a Markdown job summary, failing traces first and linked to the site, the same bytes every time")
    func summary() throws {
        let root = TemporaryFolder.path
        let (inputs, allow) = try Self.batch(in: root)
        let result = try runTraceReport(
            ["check"] + inputs + [
                "--allow", allow, "--summary", root + "/summary.md", "--site-url", "https://reports.example/tr/",
            ])
        #expect(result.status == 3)
        let text = try String(contentsOfFile: root + "/summary.md", encoding: .utf8)
        #expect(text.hasPrefix("## tracereport check ❌ failed\n"))
        #expect(text.contains("| 8 | 9 | 1 | 1 | 1 | 1 |"))
        let failing = try #require(text.range(of: "### Failing traces"))
        let other = try #require(text.range(of: "### Other findings"))
        #expect(failing.lowerBound < other.lowerBound)
        #expect(text.contains("[t-newer-legacy](<https://reports.example/tr/traces/t-newer-legacy.html>)"))
        #expect(
            text.contains("### Batch findings") && text.contains("`version-drift`") && text.contains("### Input errors")
        )
        // The same input, the same summary.
        _ = try runTraceReport(
            ["check"] + inputs + [
                "--allow", allow, "--summary", root + "/again.md", "--site-url", "https://reports.example/tr",
            ])
        #expect(
            FileManager.default.contents(atPath: root + "/again.md")
                == FileManager.default.contents(atPath: root + "/summary.md"))
        let badURL = try runTraceReport([
            "check", inputs[2], "--summary", root + "/s.md", "--site-url", "javascript:alert(1)",
        ])
        #expect(
            badURL.status == 2
                && badURL.stderr.contains("--site-url javascript:alert(1): give an http:// or https:// URL"))
    }

    @Test(
        "--summary stays within 1 MiB: the failing traces that do not fit are counted in a note, cut at the same row every time"
    )
    func summaryBudget() throws {
        let root = TemporaryFolder.path
        let long = String(repeating: "x", count: 250)
        let lines = (0..<6000).map { i in
            #"{"trace_id": "legacy-\#(i)-\#(long)", "applied_assets": {"prompt": {"name": "p", "version": 1}}, "stage_inputs": [{"stage": "compose", "applied_assets": {}}]}"#
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: root + "/many.jsonl"))
        for name in ["a", "b"] {
            #expect(
                try runTraceReport([
                    "check", root + "/many.jsonl", "--summary", root + "/\(name).md", "--site-url", "https://r.example",
                ]).status == 3)
        }
        let summary = try #require(FileManager.default.contents(atPath: root + "/a.md"))
        #expect(summary.count <= 1_048_576 && summary.count > 1_000_000)
        #expect(summary == FileManager.default.contents(atPath: root + "/b.md"))
        let text = String(decoding: summary, as: UTF8.self)
        let listed = text.components(separatedBy: "](<https://r.example/traces/").count - 1
        #expect(listed > 1000 && listed < 6000)
        #expect(
            text.hasSuffix(
                "*Cut: \(6000 - listed) more failing traces are not listed: the summary stops at 1048576 bytes. `tracereport check` prints them all.*\n"
            ))
    }
}

/// The escaping rules, through the binary's own output for a crafted trace.
enum GitHubEscapingProbe {
    static func run(_ traceID: String) -> String {
        let root = (try? TestPaths.temporaryFolder()) ?? "/tmp"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let trace = JSONValue.object([
            "trace_id": .string(traceID),
            "applied_assets": .object(["prompt": .object(["name": .string("p"), "version": .int(1)])]),
        ])
        try? Data((trace.compactJSON + "\n").utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        let out = (try? runTraceReport(["check", root + "/t.jsonl", "--format", "github"]))?.stdout ?? ""
        return String(out.split(separator: "\n").first ?? "")
    }

    /// The message part of the first annotation for a trace with this id, minus what follows the id.
    static func escaped(_ traceID: String) -> String {
        let line = run(traceID)
        guard let start = line.range(of: "::", options: .backwards) else { return "" }
        let message = line[start.upperBound...]
        return String(message.prefix(while: { $0 != " " }))
    }

}

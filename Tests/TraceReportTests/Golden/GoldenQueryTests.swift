import Foundation
import Testing

@testable import TraceReport

/// The golden tables beside the traces (`Fixtures/golden/`, each query labelled in its README): the
/// judge recomputed on the stored rows, set beside the stage assets it never sees.
@Suite("Golden queries: the real judge's PASS/WARN/FAIL beside the stage-asset truth", .temporaryFolder)
struct GoldenQueryTests {
    static let folder = TestPaths.fixture("golden")

    /// Query id → the finding kinds of its latest run.
    static let expected: [String: [String]] = [
        "gq-clean": [], "gq-republish": ["judgment-blind-spot"], "gq-empty": ["judgment-blind-spot"],
        "gq-tools": ["regression-fail"], "gq-missing": ["regression-unverifiable"],
        "gq-differs": ["regression-fail", "recorded-judgment-differs"], "gq-refs": ["regression-warn"],
        "gq-norun": [], "gq-disabled": [], "gq-both-error": ["regression-fail"],
        "gq-tool-failed": ["regression-fail"], "gq-versions": ["regression-fail"], "gq-plan": ["regression-fail"],
        "gq-blocks": ["regression-fail"], "gq-ui": ["regression-fail"], "gq-slow": ["regression-warn"],
        "gq-zero": [],
    ]

    /// Query id → its latest run's recomputed judgment and reason: every rule of the real judge, in order.
    static let verdicts: [String: (String, String)] = [
        "gq-differs": ("FAIL", "Status changed: True"),
        "gq-both-error": ("FAIL", "Candidate execution resulted in error"),
        "gq-tools": ("FAIL", "Tool calls changed: +0 -1"),
        "gq-tool-failed": ("FAIL", "Tool calls failed in candidate: 1"),
        "gq-versions": ("FAIL", "Asset versions changed"),
        "gq-plan": ("FAIL", "Plan intent or output changed"),
        "gq-blocks": ("FAIL", "Block structure changed significantly (50.0%)"),
        "gq-ui": ("FAIL", "UI render errors increased"),
        "gq-refs": ("WARN", "Reference count variance: 50.0%"),
        "gq-slow": ("WARN", "Tool execution duration spike (2x+ in some tools)"),
        "gq-clean": ("PASS", "No regressions detected"),
        // No blocks, references or durations in the baseline: nothing is compared with zero.
        "gq-zero": ("PASS", "No regressions detected"),
        "gq-republish": ("PASS", "No regressions detected"), "gq-empty": ("PASS", "No regressions detected"),
        "gq-disabled": ("PASS", "No regressions detected"),
    ]

    @Test("check: each query's latest run gives exactly its findings; the exports are not read as traces")
    func check() throws {
        let result = TraceCheck().run([.path(Self.folder)])
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.traces == 33)
        #expect(Set(result.golden.map(\.id)) == Set(Self.expected.keys))
        for (index, query) in result.golden.enumerated() {
            let kinds = result.entries.filter { $0.golden == index }.map(\.kind)
            #expect(kinds == Self.expected[query.id], "\(query.id)")
        }
        #expect(result.exitStatus == 3)
        let lines = result.lines.filter { $0.hasPrefix("golden:") }
        #expect(
            lines.contains(
                "golden:gq-tools: c-tools: -: error regression-fail: golden query golden tools: FAIL (recomputed): Tool calls changed: +0 -1"
            ), "\(lines)")
    }

    @Test("check --format json and github carry the golden findings: the JSON valid against its schema")
    func jsonAndGitHub() throws {
        let root = TemporaryFolder.path
        let json = try runTraceReport(["check", Self.folder, "--format", "json"])
        #expect(json.status == 3)
        try Data(json.stdout.utf8).write(to: URL(fileURLWithPath: root + "/check.json"))
        #expect(try CheckFormatTests.python(["json", root + "/check.json"], in: root) == "valid\n")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let golden = (document["findings"] as? [[String: Any]] ?? []).filter {
            ($0["source"] as? String)?.hasPrefix("golden:") == true
        }
        #expect(golden.count == 14 && golden.filter { $0["failing"] as? Bool == true }.count == 10)
        let github = try runTraceReport(["check", Self.folder, "--format", "github"])
        #expect(
            github.stdout.contains(
                "::error title=judgment-blind-spot::golden:gq-republish: "), "\(github.stdout)")
    }

    @Test("check --format junit: a golden queries suite with a case per query")
    func junit() throws {
        let result = try runTraceReport(["check", Self.folder, "--format", "junit"])
        #expect(result.status == 3)
        #expect(
            result.stdout.contains("<testsuite name=\"golden queries\" tests=\"17\" failures=\"10\""),
            "\(result.stdout)")
        #expect(result.stdout.contains("name=\"&lt;b&gt;hostile&lt;/b&gt; name\"/>"))
    }

    @Test("build: summary.json holds every query, its runs oldest first, both judgments and the blind spots")
    func summary() throws {
        let site = TemporaryFolder.path + "/site"
        let result = try runTraceReport(["build", Self.folder, "--output", site])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try #require(FileManager.default.contents(atPath: site + "/summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let queries = try #require(summary["golden_queries"] as? [[String: Any]])
        #expect(queries.count == 17)
        let byID = Dictionary(uniqueKeysWithValues: queries.map { ($0["id"] as! String, $0) })
        let runs = { (id: String) in byID[id]?["runs"] as? [[String: Any]] ?? [] }
        #expect(runs("gq-clean").map { $0["id"] as? String } == ["r-clean-1", "r-clean-2"], "oldest first")
        let republish = try #require(runs("gq-republish").last)
        let recomputed = try #require(republish["recomputed"] as? [String: Any])
        #expect(recomputed["judgment"] as? String == "PASS")
        #expect(
            (recomputed["diff"] as? [String: Any])?["assets_changed"] as? Bool == false,
            "same ids: the judge sees nothing")
        let blind = try #require((republish["blind_spot"] as? [String: Any])?["reason"] as? String)
        #expect(blind.contains("compose: prompt ci_compose_prompt (v2) → ci_compose_prompt (v3)"))
        let stages = try #require(republish["stage_changes"] as? [[String: Any]])
        let compose = try #require(stages.first { $0["stage"] as? String == "compose" })
        #expect((compose["version_changed"] as? [[String: Any]])?.first?["key"] as? String == "prompt")
        let missing = try #require(runs("gq-missing").last)
        #expect(missing["candidate_found"] as? Bool == false && missing["recomputed"] is NSNull)
        #expect((missing["recorded"] as? [String: Any])?["judgment"] as? String == "PASS")
        let differs = try #require(runs("gq-differs").last)
        #expect((differs["recomputed"] as? [String: Any])?["reason"] as? String == "Status changed: True")
        #expect(runs("gq-norun").isEmpty && byID["gq-disabled"]?["enabled"] as? Bool == false)
        for (id, verdict) in Self.verdicts {
            let recomputed = runs(id).last?["recomputed"] as? [String: Any]
            #expect(
                recomputed?["judgment"] as? String == verdict.0 && recomputed?["reason"] as? String == verdict.1,
                "\(id): \(recomputed ?? [:])")
        }
        let empty = try #require(runs("gq-empty").last)
        #expect(((empty["blind_spot"] as? [String: Any])?["reason"] as? String)?.contains("captured → empty") == true)
    }

    @Test("pages: the golden index and a page per query, linked from the index and asset pages, hostile text as text")
    func pages() throws {
        let root = TemporaryFolder.path + "/site"
        let result = try runTraceReport(["build", Self.folder, "--output", root])
        #expect(result.status == 0, "\(result.stderr)")
        let site = SiteChecker(root: URL(fileURLWithPath: root))
        let golden = site.htmlPages.filter { $0.hasPrefix("golden/") }
        #expect(golden.count == 18, "\(golden)")
        let (broken, followed) = site.brokenLinks()
        #expect(broken.isEmpty, "\(broken)")
        #expect(followed > 100)
        #expect(site.text("index.html").contains("href=\"golden/index.html\""))
        #expect(site.text("assets/prompt.html").contains("href=\"../golden/index.html\""))
        let index = site.text("golden/index.html")
        #expect(index.contains("&lt;b&gt;hostile&lt;/b&gt; name") && !index.contains("<b>hostile"))
        let republish = site.text("golden/gq-republish.html")
        #expect(republish.contains("ci_compose_prompt (v2) → ci_compose_prompt (v3)"))
        #expect(republish.contains("href=\"../traces/c-republish.html\""))
        let disabled = site.text("golden/gq-disabled.html")
        #expect(disabled.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !disabled.contains("<script>"))
        let missing = site.text("golden/gq-missing.md")
        #expect(missing.contains("c-never-stored-7f3a (not stored)"))
    }

    @Test("rerun --golden asks each enabled query through the command; build --golden judges the answers as new runs")
    func rerunAndJudge() throws {
        let root = TemporaryFolder.path
        let command = "python3 " + Self.folder + "/answer.py"
        let rerun = try runTraceReport([
            "rerun", "--command", command, "--golden", Self.folder, "--output", root + "/runs",
        ])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/runs").filter { $0.hasSuffix(".json") }
        #expect(files.count == 16, "every enabled query, not the disabled one: \(files)")
        let answer = try #require(FileManager.default.contents(atPath: root + "/runs/new-republish.json"))
        let trace = try #require(try JSONSerialization.jsonObject(with: answer) as? [String: Any])
        #expect(trace["golden_query_id"] as? String == "gq-republish")

        let build = try runTraceReport([
            "build", root + "/runs", "--golden", Self.folder, "--output", root + "/site",
        ])
        #expect(build.status == 0, "\(build.stderr)")
        let data = try #require(FileManager.default.contents(atPath: root + "/site/summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let queries = try #require(summary["golden_queries"] as? [[String: Any]])
        let republish = try #require(queries.first { $0["id"] as? String == "gq-republish" })
        let latest = try #require((republish["runs"] as? [[String: Any]])?.last)
        #expect(
            latest["triggered_by"] as? String == "tracereport"
                && latest["candidate_trace_id"] as? String == "new-republish")
        #expect((latest["recomputed"] as? [String: Any])?["judgment"] as? String == "PASS")
        #expect(latest["blind_spot"] is [String: Any], "the republished prompt passes the judge, not the stages")
        let findings = (republish["findings"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(findings == ["judgment-blind-spot"], "no recorded judgment to differ from")
        let clean = try #require(queries.first { $0["id"] as? String == "gq-tools" })
        #expect(
            ((clean["runs"] as? [[String: Any]])?.last?["recomputed"] as? [String: Any])?["judgment"] as? String
                == "PASS",
            "the baseline's own answer passes")
        let site = SiteChecker(root: URL(fileURLWithPath: root + "/site"))
        #expect(site.htmlPages.contains("traces/b-republish.html"), "the baselines are read from the golden input")
        #expect(site.brokenLinks().broken.isEmpty)
    }
}

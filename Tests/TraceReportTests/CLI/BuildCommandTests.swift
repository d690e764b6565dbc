import Foundation
import Testing

@testable import TraceReport

@Suite("tracereport build, run as a user runs it", .temporaryFolder)
struct BuildCommandTests {
    @Test("fixtures with a broken file: the good traces are published, the errors listed, exit 1")
    func buildFixtures() throws {
        let root = TemporaryFolder.path
        let input = TestPaths.fixture("site-input")
        let result = try runTraceReport(["build", input, "--output", root + "/site"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "\(ShownPath.relative(input))/partly-broken.jsonl:3: not valid JSON at line 1, column 1: unexpected text: not a JSON value (true, false, null, a number, a string, an array or an object)\n"
        )
        #expect(result.stdout.contains("8 traces (0 ran no stage), 72 pages"))

        let site = SiteChecker(root: URL(fileURLWithPath: root + "/site"))
        let pages = site.htmlPages
        #expect(pages.contains("index.html"))
        #expect(
            pages.filter { $0.hasPrefix("traces/") }.count == 8,
            "one page per trace, duplicate ids and a wrong-typed field included")
        #expect(FileManager.default.fileExists(atPath: root + "/site/style.css"))
        #expect(FileManager.default.fileExists(atPath: root + "/site/index.md"))
        let (broken, followed) = site.brokenLinks()
        #expect(broken.isEmpty, "\(broken)")
        #expect(followed > 20)

        let index = site.text("index.html")
        #expect(index.contains("Input errors"))
        #expect(index.contains("partly-broken.jsonl:3"))
        // Beside it only the list of unchanged input files, a cache for the next build (README: unchanged files).
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root).sorted().filter {
                $0 != ".site.tracereport-files"
            } == ["site"],
            "nothing written outside --output")
    }

    @Test("summary.json holds every trace's recorded stage assets, findings and the input errors")
    func summary() throws {
        let root = TemporaryFolder.path
        _ = try runTraceReport(["build", TestPaths.fixture("site-input"), "--output", root + "/site"])
        let data = try #require(FileManager.default.contents(atPath: root + "/site/summary.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let traces = try #require(json["traces"] as? [[String: Any]])
        #expect(traces.count == 8)
        let older = try #require(traces.first { $0["trace_id"] as? String == "t-older" })
        #expect(older["source"] as? String == ShownPath.relative(TestPaths.fixture("site-input")) + "/older-shape.json")
        #expect(older["page"] as? String == "traces/t-older.html")
        let stages = try #require(older["stages"] as? [[String: Any]])
        #expect(stages.map { $0["stage"] as? String } == ["route_plan", "validate", "execute", "compose", "present"])
        #expect(
            stages[2]["applied_assets"] as? [String: String] == [
                "mapping": "metric_alias (fallback)", "source": "prometheus_main (v2)",
                "query:cpu_usage": "cpu_usage (v1)", "query:q-anon": "q-anon (v4)",
            ])
        #expect(
            stages[4]["applied_assets"] as? [String: String] == ["screen:screen_arch": "screen_arch (v2)"],
            "a raw info is recorded formatted")
        let findings = try #require(older["findings"] as? [[String: Any]])
        #expect(findings.map { $0["kind"] as? String } == ["fallback", "override"])
        #expect(
            older["applied_assets"] as? [String: String] == [
                "prompt": "ci_compose_prompt (v9-canary)", "policy": "ci_view_policy (v3)",
                "mapping": "metric_alias (fallback)",
                "source": "prometheus_main (v2)", "schema": "ci_graph_schema", "query:cpu_usage": "cpu_usage (v1)",
                "query:q-anon": "q-anon (v4)",
                "screen:screen_arch": "screen_arch (v2)",
            ], "the global assets as the orchestrator keys and displays them")
        let badLine = try #require(traces.first { $0["trace_id"] as? String == "bad-line" })
        let badFindings = try #require(badLine["findings"] as? [[String: Any]])
        #expect(
            badFindings.map { $0["message"] as? String } == [
                "$.stage_inputs: expected an array, found a string: ignored"
            ])
        #expect(badFindings.map { $0["kind"] as? String } == ["field-wrong-type"])
        let errors = try #require(json["errors"] as? [[String: String]])
        #expect(errors.count == 1)
        #expect(
            errors.first?["source"] == ShownPath.relative(TestPaths.fixture("site-input")) + "/partly-broken.jsonl:3")
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["traces"] as? Int == 8 && totals["input_errors"] as? Int == 1)
        let legacy = try #require(traces.first { $0["trace_id"] as? String == "t-newer-legacy" })
        let legacyStages = try #require(legacy["stages"] as? [[String: Any]])
        #expect(legacyStages.map { $0["coverage"] as? String } == ["empty", "empty", "missing", "missing"])
        #expect(legacyStages[2]["applied_assets"] is NSNull)
    }

    @Test("hostile trace text is shown as text and every page stays inside the output folder")
    func hostile() throws {
        let root = TemporaryFolder.path
        _ = try runTraceReport(["build", TestPaths.fixture("hostile.jsonl"), "--output", root + "/site"])
        let site = SiteChecker(root: URL(fileURLWithPath: root + "/site"))
        #expect(
            site.htmlPages.count == 9, "the index, 3 traces, the asset index, 2 asset pages and their 2 traces pages")
        for page in site.htmlPages {
            var text = site.text(page)
            // The history charts are tracereport's own SVG, built from numbers only: checked apart, then left out.
            if let start = text.range(of: "<div class=\"trends\">"),
                let end = text.range(of: "</div>", range: start.upperBound..<text.endIndex)
            {
                let charts = Set(
                    HTMLText.tagNames(String(text[start.lowerBound..<end.upperBound])).map { $0.lowercased() })
                #expect(
                    charts.isSubset(of: [
                        "div", "/div", "figure", "/figure", "svg", "/svg", "title", "/title", "line", "polyline",
                        "circle", "text", "/text", "figcaption", "/figcaption",
                    ]), "\(charts)")
                #expect(!text[start.lowerBound..<end.upperBound].contains("passwd"), "no trace text in the charts")
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
            let tags = Set(HTMLText.tagNames(text).map { $0.lowercased() })
            for forbidden in ["script", "iframe", "img", "svg", "style", "b", "object", "embed"] {
                #expect(!tags.contains(forbidden), "<\(forbidden)> reached \(page)")
            }
            #expect(!site.text(page).contains("href=\"javascript:"), "\(page)")
        }
        let page = "traces/_._.._etc_passwd-" + StableHash.hex("../../etc/passwd") + ".html"
        #expect(site.text(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!FileManager.default.fileExists(atPath: root + "/etc"))
        #expect(site.htmlPages.allSatisfy { !$0.hasPrefix("traces/.") })
    }

    @Test("no input: the bundled spec re-run, scoped against legacy, with the bundled templates, from any folder")
    func bundledSample() throws {
        let root = TemporaryFolder.path
        let result = try runTraceReport(["build", "--output", "site"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        // 17 orchestrated answers (validate records {} in each, as real rows do); a direct and two reject answers run no stage.
        #expect(
            result.stdout.hasPrefix(
                "Wrote site: 20 traces (3 ran no stage), 160 pages; stages 68 captured, 17 empty, 0 missing, 0 inferred; 0 traces with stage-assets-missing"
            ))
        let site = SiteChecker(root: URL(fileURLWithPath: root + "/site"))
        #expect(site.brokenLinks().broken.isEmpty)
        #expect(
            site.text("index.md").contains(
                "Before → after: 17 of 20 paired baseline traces had global assets but no per-stage assets; now 0 do."))
        let direct = site.text("traces/scoped-q15.md")
        #expect(direct.contains("No stage ran: a direct answer runs no stage"))
        #expect(
            direct.contains("No findings."),
            "no stage ran: nothing is missing, and the empty slots' fallbacks flags are no fallbacks")
        let page = site.text("traces/scoped-q01.md")
        #expect(page.contains("## Before and after"))
        #expect(page.contains("Baseline: **legacy-q01** (sample/rerun/legacy.jsonl:1), paired by its parent_trace_id"))
        #expect(
            page.contains(
                "| route_plan | prompt | — | ci_planner_prompt (v4) | added |"))
    }

    @Test("the same input gives byte-identical sites; SOURCE_DATE_EPOCH is the only time shown")
    func deterministic() throws {
        let root = TemporaryFolder.path
        _ = try runTraceReport(["build", TestPaths.fixture("site-input"), "--output", root + "/a"])
        _ = try runTraceReport(["build", TestPaths.fixture("site-input"), "--output", root + "/b"])
        let a = SiteChecker(root: URL(fileURLWithPath: root + "/a"))
        let b = SiteChecker(root: URL(fileURLWithPath: root + "/b"))
        #expect(a.htmlPages == b.htmlPages)
        for page in a.htmlPages + ["summary.json", "index.md"] {
            #expect(a.text(page) == b.text(page), "\(page) differs between builds")
        }
        _ = try runTraceReport(
            ["build", TestPaths.fixture("site-input"), "--output", root + "/c"],
            environment: ["SOURCE_DATE_EPOCH": "1764072000"])
        #expect(
            SiteChecker(root: URL(fileURLWithPath: root + "/c")).text("index.html").contains(
                "Generated 2025-11-25 12:00 UTC."))
    }

    @Test("a folder of someone else's files is refused with exit 2 and left as it was")
    func foreignOutput() throws {
        let root = TemporaryFolder.path
        try FileManager.default.createDirectory(atPath: root + "/docs", withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: root + "/docs/notes.txt"))
        let result = try runTraceReport(["build", "--output", root + "/docs"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "tracereport: error: publish: \(root)/docs: holds files tracereport did not write, so it is left alone: choose another --output, or pass --force to build there anyway (the old folder is then kept as \(root)/docs.replaced-N)\n"
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/docs") == ["notes.txt"])
    }

    @Test("usage errors exit 2 with one line naming the path")
    func usageErrors() throws {
        let missing = try runTraceReport(["build", "/no/such/traces.jsonl"])
        #expect(missing.status == 2)
        #expect(
            missing.stderr.contains(
                "/no/such/traces.jsonl: no such file or folder: pass trace files (.json, .jsonl) or folders that hold them"
            ))
        let templates = try runTraceReport(["build", "--templates", "/no/templates", "--output", "/tmp/unused-site"])
        #expect(templates.status == 2)
        #expect(templates.stderr.hasPrefix("tracereport: error: render: /no/templates: no such template folder"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/unused-site"))
    }
}

@Suite("tracereport build --baseline: before and after", .temporaryFolder)
struct BuildBaselineTests {
    @Test("unpaired traces on either side are listed on the index and in summary.json; render shows the comparison")
    func unpaired() throws {
        let root = TemporaryFolder.path
        let before = root + "/before.jsonl"
        let after = root + "/after.jsonl"
        try Data(
            """
            {"trace_id": "a", "question": "x", "stage_inputs": [{"stage": "execute", "applied_assets": {}}], "stage_outputs": [{"stage": "execute", "diagnostics": {"status": "ok"}}]}
            {"trace_id": "lonely", "question": "nobody"}

            """.utf8
        ).write(to: URL(fileURLWithPath: before))
        try Data(
            """
            {"trace_id": "a-new", "parent_trace_id": "a", "stage_inputs": [{"stage": "execute", "applied_assets": {"query:cpu": "cpu (v1)"}}], "stage_outputs": [{"stage": "execute", "diagnostics": {"status": "error"}}]}
            {"trace_id": "b", "question": "new question"}

            """.utf8
        ).write(to: URL(fileURLWithPath: after))
        let build = try runTraceReport(["build", after, "--baseline", before, "--output", root + "/site"])
        #expect(build.status == 0, "\(build.stderr)")
        let index = SiteChecker(root: URL(fileURLWithPath: root + "/site")).text("index.md")
        #expect(index.contains("- now b (\(MarkdownEscaper.escape(ShownPath.relative(after) + ":2")))"))
        #expect(
            index.contains(
                "- baseline lonely (\(MarkdownEscaper.escape(ShownPath.relative(before) + ":2"))): no current trace paired with it"
            ))
        #expect(index.contains("| \(MarkdownEscaper.escape("0/1 → 1/1")) |"))
        #expect(index.contains("| unpaired |"))
        let data = try #require(FileManager.default.contents(atPath: root + "/site/summary.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let unpaired = try #require(json["unpaired"] as? [String: [[String: String]]])
        #expect(unpaired["current"]?.map { $0["trace_id"] } == ["b"])
        #expect(unpaired["baseline"]?.map { $0["trace_id"] } == ["lonely"])
        let traces = try #require(json["traces"] as? [[String: Any]])
        #expect(traces[1]["baseline"] is NSNull)
        let findings = (traces[0]["findings"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
        #expect(findings.contains("stage-status-regressed") && findings.contains("asset-added"))

        let render = try runTraceReport(["render", after, "--trace-id", "a-new", "--baseline", before])
        #expect(render.status == 0)
        #expect(render.stdout.contains("## Before and after"))
        #expect(
            render.stdout.contains("| execute | query:cpu | — | cpu (v1) | added |"))
        let check = try runTraceReport(["check", after, "--baseline", before, "--fail-on", "stage-status-regressed"])
        #expect(check.status == 3)
    }
}

import Foundation
import Testing

@testable import TraceReport

/// The batch's asset pages and gates, on 1,000 traces with a known drift (cpu_usage v2 in
/// 996 traces, v3 in 4), a known stale version (policy v1 while the registry serves v2) and
/// a fallback mapping that an allow list excuses.
@Suite("Assets across the batch: pages, drift, staleness and allow-lists")
struct AssetPagesTests {
    static func traces() -> String {
        (0..<1000).map { i in
            let query = i % 250 == 7 ? 3 : 2
            let policy = i < 30 ? 1 : 2
            let mapping = i % 10 == 0 ? #""mapping": "metric_alias (fallback)""# : #""mapping": "metric_alias (v5)""#
            return
                #"{"trace_id": "a\#(i)", "applied_assets": {"policy": {"name": "ci_view_policy", "version": \#(policy)}, "queries": [{"name": "cpu_usage", "version": \#(query)}]}, "stage_inputs": [{"stage": "validate", "applied_assets": {"policy": "ci_view_policy (v\#(policy))", \#(mapping)}}, {"stage": "execute", "applied_assets": {"query:cpu_usage": "cpu_usage (v\#(query))", "source": "prometheus_main"}}]}"#
        }.joined(separator: "\n") + "\n"
    }

    static let registry =
        #"{"policy": [{"name": "ci_view_policy", "versions": [1, 2], "active": 2}], "query": [{"name": "cpu_usage", "versions": [2, 3], "active": 2}]}"#

    func fixture() throws -> String {
        let root = try TestPaths.temporaryFolder()
        try Data(Self.traces().utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        try Data(Self.registry.utf8).write(to: URL(fileURLWithPath: root + "/registry.json"))
        return root
    }

    @Test("check prints the batch findings as -: -: <stage>: lines and fails on them only when asked")
    func checkLines() throws {
        let root = try fixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try runTraceReport(["check", root + "/t.jsonl", "--registry", root + "/registry.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let batch = result.stdout.split(separator: "\n").filter { $0.hasPrefix("-: -: ") }
        #expect(
            batch == [
                "-: -: validate: warning version-drift: mapping metric_alias: v5 in 900 traces, fallback in 100 traces (first: a0)",
                "-: -: validate: warning version-drift: policy ci_view_policy: v2 in 970 traces, v1 in 30 traces (first: a0)",
                "-: -: validate: warning asset-stale: policy ci_view_policy: v1 in 30 traces, the registry's active version is v2 (first: a0)",
                "-: -: execute: warning version-drift: query:cpu_usage: v2 in 996 traces, v3 in 4 traces (first: a7)",
                "-: -: execute: info asset-unpinned: source prometheus_main: recorded with no version in 1000 traces (first: a0)",
            ])
        let failing = try runTraceReport([
            "check", root + "/t.jsonl", "--registry", root + "/registry.json", "--fail-on", "version-drift,asset-stale",
        ])
        #expect(failing.status == 3)
        #expect(failing.stderr.contains("4 failing"))
    }

    @Test("an allow list excuses what it matches, says why, and reports the lines that match nothing")
    func allowList() throws {
        let root = try fixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data(
            """
            fallback:mapping  # builtin alias until v6 ships
            version-drift:*   # canaries are expected this month
            asset-stale:policy
            override:prompt:ci_*  # nothing matches this any more

            """.utf8
        ).write(to: URL(fileURLWithPath: root + "/allow.txt"))
        let result = try runTraceReport([
            "check", root + "/t.jsonl", "--registry", root + "/registry.json", "--allow", root + "/allow.txt",
            "--fail-on", "fallback,version-drift,asset-stale",
        ])
        #expect(result.status == 0, "every failing finding is allowed: \(result.stdout.suffix(600))")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains(": warning fallback: ") }.count == 100)
        #expect(
            lines.filter { $0.contains(": warning fallback: ") }.allSatisfy {
                $0.hasSuffix(" (allowed: builtin alias until v6 ships)")
            })
        #expect(
            lines.contains(
                "-: -: execute: warning version-drift: query:cpu_usage: v2 in 996 traces, v3 in 4 traces (first: a7) (allowed: canaries are expected this month)"
            ))
        #expect(
            lines.contains(
                "-: -: validate: warning asset-stale: policy ci_view_policy: v1 in 30 traces, the registry's active version is v2 (first: a0) (allowed: asset-stale:policy)"
            ))
        #expect(
            lines.last
                == "\(root)/allow.txt:4: -: -: warning allow-unused: override:prompt:ci_* matches no finding: remove it, or fix its pattern"
        )
        #expect(result.stderr.contains("0 failing") && result.stderr.contains("104 allowed"))
        try Data("fallbak:mapping\n".utf8).write(to: URL(fileURLWithPath: root + "/bad.txt"))
        let bad = try runTraceReport(["check", root + "/t.jsonl", "--allow", root + "/bad.txt"])
        #expect(
            bad.status == 2
                && bad.stderr.hasPrefix("tracereport: error: load: \(root)/bad.txt:1: $: unknown finding kind fallbak"))
    }

    @Test("the site has an asset index, one page per key linked from trace pages, and summary.json's assets")
    func site() throws {
        let root = try fixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try runTraceReport([
            "build", root + "/t.jsonl", "--registry", root + "/registry.json", "--output", root + "/site",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let read = { (path: String) in
            String(decoding: FileManager.default.contents(atPath: root + "/site/" + path) ?? Data(), as: UTF8.self)
        }
        try assertSnapshot(read("assets/query/cpu_usage.md"), named: "asset-cpu_usage.md")
        try assertSnapshot(read("asset-traces/query/cpu_usage.md"), named: "asset-traces-cpu_usage.md")
        #expect(
            read("assets/query/cpu_usage.html").contains(
                #"<a href="../../asset-traces/query/cpu_usage.html#display-2">cpu_usage (v3)</a>"#),
            "a version links its list on the traces page")
        let index = read("index.md")
        #expect(index.contains("[Assets across the batch](assets/index.md)"))
        #expect(
            index.contains(
                "| [query:cpu_usage](assets/query/cpu_usage.md) | query:cpu_usage: v2 in 996 traces, v3 in 4 traces (first: a7) |"
            ))
        #expect(read("traces/a7.md").contains("| [query:cpu_usage](../assets/query/cpu_usage.md) | cpu_usage (v3) |"))
        #expect(read("traces/a7.html").contains(#"<a href="../assets/query/cpu_usage.html">query:cpu_usage</a>"#))
        let site = SiteChecker(root: URL(fileURLWithPath: root + "/site"))
        #expect(site.brokenLinks().broken.isEmpty)
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(read("summary.json").utf8)) as? [String: Any])
        let assets = try #require(summary["assets"] as? [String: [String: Any]])
        let cpu = try #require(assets["query:cpu_usage"])
        #expect(
            cpu["traces"] as? Int == 1000 && cpu["drift"] as? Bool == true
                && cpu["page"] as? String == "assets/query/cpu_usage.html")
        #expect((cpu["displays"] as? [[String: Any]])?.map { $0["traces"] as? Int } == [996, 4])
        #expect((assets["mapping"]?["fallbacks"] as? Int) == 100)
        #expect((summary["batch_findings"] as? [[String: Any]])?.count == 5)
    }

    @Test("traces added to full lists leave an asset's traces page as it was: taken over, its page counts them")
    func tracesPageTakenOver() throws {
        let root = try fixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: root + "/t.jsonl", toPath: root + "/in/t.jsonl")
        // After the fixture's 1,000 traces, all with the source: its list is full.
        let later = { (count: Int) in
            (0..<count).map {
                #"{"trace_id": "b\#($0)", "stage_inputs": [{"stage": "execute", "applied_assets": {"source": "prometheus_main"}}]}"#
            }
            .joined(separator: "\n") + "\n"
        }
        try Data(later(5).utf8).write(to: URL(fileURLWithPath: root + "/in/u.jsonl"))
        #expect(try runTraceReport(["build", root + "/in", "--output", root + "/site"]).status == 0)
        func inode(_ name: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: root + "/site/" + name)[.systemFileNumber] as! Int
        }
        let before = try ["asset-traces/source.md", "asset-traces/source.html", "assets/source.md"].map(inode)
        try Data(later(9).utf8).write(to: URL(fileURLWithPath: root + "/in/u.jsonl"))
        try PublishSafetyTests.keepHistory(of: root + "/site", in: root + "/seed")
        #expect(try runTraceReport(["build", root + "/in", "--output", root + "/site"]).status == 0)
        let after = try ["asset-traces/source.md", "asset-traces/source.html", "assets/source.md"].map(inode)
        #expect(after[0] == before[0] && after[1] == before[1], "the traces page is the last build's file")
        #expect(after[2] != before[2], "the asset's page is written anew")
        let read = { (path: String) in
            String(decoding: FileManager.default.contents(atPath: root + "/site/" + path) ?? Data(), as: UTF8.self)
        }
        #expect(read("assets/source.md").contains("- **Traces:** 1009"))
        #expect(read("asset-traces/source.md").contains("Only the first 1000 are listed."))
        #expect(!read("asset-traces/source.md").contains("1009"))
        #expect(
            try runTraceReport([
                "build", root + "/in", "--output", root + "/fresh", "--history-from", root + "/seed",
            ]).status == 0)
        let (a, b) = (PublishSafetyTests.tree(root + "/site"), PublishSafetyTests.tree(root + "/fresh"))
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [], "files that differ from a full build")
    }
}

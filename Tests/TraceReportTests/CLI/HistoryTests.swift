import Foundation
import Testing

@testable import TraceReport

@Suite("Build history: history.jsonl carried from build to build, the trend on the first index page", .temporaryFolder)
struct HistoryTests {
    static let scoped =
        #"{"trace_id": "ok-%d", "applied_assets": {"prompt": {"name": "p", "version": 2, "source": "asset_registry"}}, "stage_inputs": [{"stage": "compose", "applied_assets": {"prompt": "p (v2)"}}]}"#
    static let legacy =
        #"{"trace_id": "legacy-%d", "applied_assets": {"prompt": {"name": "p", "version": 2, "source": "asset_registry"}}, "stage_inputs": [{"stage": "compose", "applied_assets": {}}]}"#

    static func write(_ root: String, scoped: Int, legacy: Int) throws {
        let lines =
            (0..<scoped).map { String(format: Self.scoped, $0) } + (0..<legacy).map { String(format: Self.legacy, $0) }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: root + "/in.jsonl"))
    }

    static func build(_ root: String, epoch: Int, _ extra: [String] = []) throws -> CommandResult {
        try runTraceReport(
            ["build", root + "/in.jsonl", "--output", root + "/site"] + extra,
            environment: ["SOURCE_DATE_EPOCH": String(epoch)])
    }

    static func history(_ site: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: site + "/history.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test(
        "three builds: a line each, numbered, timed by SOURCE_DATE_EPOCH, the change since the last build and three charts on the index"
    )
    func threeBuilds() throws {
        let root = TemporaryFolder.path
        try Self.write(root, scoped: 4, legacy: 0)
        #expect(try Self.build(root, epoch: 1_764_579_600).status == 0)
        try Self.write(root, scoped: 4, legacy: 3)
        #expect(try Self.build(root, epoch: 1_764_666_000).status == 0)
        try Self.write(root, scoped: 5, legacy: 1)
        #expect(try Self.build(root, epoch: 1_764_752_400).status == 0)
        let history = try Self.history(root + "/site")
        #expect(history.map { $0["build"] as? Int } == [1, 2, 3])
        #expect(
            history.map { $0["time"] as? String } == [
                "2025-12-01T09:00:00Z", "2025-12-02T09:00:00Z", "2025-12-03T09:00:00Z",
            ])
        #expect(history.map { $0["traces"] as? Int } == [4, 7, 6])
        #expect(history.map { $0["stage_assets_missing"] as? Int } == [0, 3, 1])
        #expect(history.map { $0["traces_failing"] as? Int } == [0, 3, 1])
        #expect(
            history.map { $0["input"] as? String } == Array(repeating: ShownPath.relative(root) + "/in.jsonl", count: 3)
        )
        let index = try String(contentsOfFile: root + "/site/index.md", encoding: .utf8)
        #expect(
            index.contains(
                "Since build 2 (2025-12-02T09:00Z): 2 fewer traces with stage-assets-missing, 2 fewer failing traces, 1 fewer trace, stage coverage 57.1% → 83.3%."
            ))
        let html = try String(contentsOfFile: root + "/site/index.html", encoding: .utf8)
        #expect(html.components(separatedBy: "<figure class=\"trend\">").count - 1 == 3)
        #expect(html.components(separatedBy: "<circle ").count - 1 == 9, "a dot per build in each chart")
        #expect(!html.contains("<script") && !html.contains("style=\""))
        // Later index pages and the second build's other pages do not carry the history.
        #expect(!(try String(contentsOfFile: root + "/site/assets/index.md", encoding: .utf8)).contains("## History"))
    }

    @Test("the history starts over, with a note, when a build reads another input than the last one")
    func startsOverOnAnotherInput() throws {
        let root = TemporaryFolder.path
        try Self.write(root, scoped: 2, legacy: 1)
        #expect(try Self.build(root, epoch: 100).status == 0)
        #expect(try Self.build(root, epoch: 200).status == 0)
        #expect(try Self.history(root + "/site").map { $0["build"] as? Int } == [1, 2], "the same input goes on")
        try FileManager.default.copyItem(atPath: root + "/in.jsonl", toPath: root + "/other.jsonl")
        let other = try runTraceReport(
            ["build", root + "/other.jsonl", "--output", root + "/site"], environment: ["SOURCE_DATE_EPOCH": "300"])
        #expect(other.status == 0)
        #expect(
            other.stderr.contains(
                "note: \(root)/site: the history starts over: the last build read \(ShownPath.relative(root))/in.jsonl, this one reads \(ShownPath.relative(root))/other.jsonl"
            ), "\(other.stderr)")
        let history = try Self.history(root + "/site")
        #expect(
            history.map { $0["build"] as? Int } == [1]
                && history.first?["input"] as? String == ShownPath.relative(root) + "/other.jsonl")
    }

    @Test("--history-limit keeps the last N builds; the same input and time give the same bytes")
    func limitAndDeterminism() throws {
        let root = TemporaryFolder.path
        try Self.write(root, scoped: 2, legacy: 1)
        for epoch in [100, 200, 300, 400] {
            #expect(try Self.build(root, epoch: epoch, ["--history-limit", "2"]).status == 0)
        }
        #expect(try Self.history(root + "/site").map { $0["build"] as? Int } == [3, 4])
        let bad = try runTraceReport(["build", root + "/in.jsonl", "--output", root + "/x", "--history-limit", "0"])
        #expect(bad.status == 2 && bad.stderr.contains("--history-limit 0: keep at least 1 build"))
        // Under one SOURCE_DATE_EPOCH (the tests' own) the entry has its time, and two builds are byte-identical.
        for name in ["a", "b"] {
            #expect(try runTraceReport(["build", root + "/in.jsonl", "--output", root + "/" + name]).status == 0)
        }
        #expect(try Self.history(root + "/a").first?["time"] as? String == "2025-11-25T12:00:00Z")
        #expect(PublishSafetyTests.tree(root + "/a") == PublishSafetyTests.tree(root + "/b"))
    }

    @Test(
        "--history-from seeds a fresh output folder from a published site's folder or URL; an unreachable one is a note, not a failure"
    )
    func seeded() throws {
        let root = TemporaryFolder.path
        try Self.write(root, scoped: 3, legacy: 0)
        for epoch in [1000, 2000] { #expect(try Self.build(root, epoch: epoch).status == 0) }
        // A CI runner starts empty: the published folder seeds it.
        let fromFolder = try runTraceReport([
            "build", root + "/in.jsonl", "--output", root + "/ci1", "--history-from", root + "/site",
        ])
        #expect(fromFolder.status == 0)
        #expect(try Self.history(root + "/ci1").map { $0["build"] as? Int } == [1, 2, 3])
        // The published site over HTTP, served by Python from 127.0.0.1.
        let port = try DatabaseInputTests.freePort()
        let server = try ChildProcess(
            try TestPaths.executable("python3"),
            ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root + "/site"],
            stderr: root + "/http.log")
        defer {
            server.send(SIGTERM)
            _ = try? server.wait(timeout: 10)
        }
        var fromURL: CommandResult?
        for _ in 0..<50 {
            fromURL = try runTraceReport([
                "build", root + "/in.jsonl", "--output", root + "/ci2", "--history-from", "http://127.0.0.1:\(port)/",
            ])
            if !(fromURL?.stderr.contains("starting") ?? true) && (try? Self.history(root + "/ci2").count) == 3 {
                break
            }
            try? FileManager.default.removeItem(atPath: root + "/ci2")
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(fromURL?.status == 0)
        #expect(try Self.history(root + "/ci2").map { $0["build"] as? Int } == [1, 2, 3])
        // A site that has its own history keeps it: the seed is only for fresh folders.
        #expect(
            try runTraceReport([
                "build", root + "/in.jsonl", "--output", root + "/site", "--history-from", root + "/ci1",
            ]).status == 0)
        #expect(try Self.history(root + "/site").count == 3)
        let missing = try runTraceReport([
            "build", root + "/in.jsonl", "--output", root + "/ci3", "--history-from",
            "http://127.0.0.1:\(port)/no/such/site",
        ])
        #expect(missing.status == 0)
        #expect(
            missing.stderr.contains(
                "note: --history-from http://127.0.0.1:\(port)/no/such/site/history.jsonl: HTTP 404: the history starts with this build"
            ))
        #expect(try Self.history(root + "/ci3").map { $0["build"] as? Int } == [1])
        // Nothing listens on a port just freed: the note says so in words.
        let closed = try DatabaseInputTests.freePort()
        let refused = try runTraceReport([
            "build", root + "/in.jsonl", "--output", root + "/ci4", "--history-from", "http://127.0.0.1:\(closed)",
        ])
        #expect(refused.status == 0)
        #expect(
            refused.stderr.contains(
                "note: --history-from http://127.0.0.1:\(closed)/history.jsonl: cannot connect: Connection refused: the history starts with this build"
            ))
        #expect(try Self.history(root + "/ci4").map { $0["build"] as? Int } == [1])
    }

    @Test(
        "a line of history.jsonl that is not an entry is left out with a note naming file and line; the build goes on")
    func damagedHistory() throws {
        let root = TemporaryFolder.path
        try Self.write(root, scoped: 2, legacy: 0)
        for epoch in [10, 20] { #expect(try Self.build(root, epoch: epoch).status == 0) }
        let file = root + "/site/history.jsonl"
        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        lines.insert("{\"format\": \"tracereport-history-1\", \"build\": \"two\"}", at: 1)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let result = try Self.build(root, epoch: 30)
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "note: \(file):2: not a history entry ($.build: expected a number, found a string): left out"))
        #expect(try Self.history(root + "/site").map { $0["build"] as? Int } == [1, 2, 3])
    }
}

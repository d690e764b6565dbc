import Foundation
import Testing

@testable import TraceReport

/// An incremental build takes an unchanged group of units over as its stored totals and asset catalog
/// (`UnitGroup`), merged into the build's: the result must be what adding every trace one at a time gives.
@Suite("Unit groups: stored aggregates merged in order equal adding every trace")
struct UnitGroupTests {
    /// A deterministic generator (SplitMix64), so a failure can be replayed.
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    /// Traces over a few keys, displays and stages (standard and extra, global-only uses, fallbacks,
    /// overrides, pairings, findings), some keys used by far more traces than a list keeps.
    static func traces(_ count: Int, seed: UInt64) -> [TraceDigest] {
        var r = Random(state: seed)
        let stages: [String?] = [nil, "route_plan", "execute", "compose", "custom_\u{1F600}", "extra \"quoted\""]
        let keys = ["prompt", "policy", "query:cpu", "query:mem", "source", "tool:\\weird\"key"]
        return (0..<count).map { i in
            var uses: [AssetUse] = []
            for _ in 0..<r.next(6) {
                let key = keys[r.next(keys.count)]
                let version = r.next(4)
                let fallback = r.next(7) == 0
                uses.append(
                    AssetUse(
                        stage: stages[r.next(stages.count)], key: key,
                        display: fallback ? "\(key) (fallback)" : version == 0 ? key : "\(key) (v\(version))",
                        version: version == 0 || fallback ? nil : String(version), isFallback: fallback,
                        isOverride: r.next(9) == 0))
            }
            // One key in every trace: its lists fill up past `AssetCatalog.listLimit`.
            uses.append(
                AssetUse(
                    stage: "present", key: "screen", display: "screen (v1)", version: "1", isFallback: false,
                    isOverride: false))
            let traceStages = (0..<r.next(4)).map { _ in
                TraceDigest.Stage(
                    name: (stages[1 + r.next(stages.count - 1)])!,
                    coverage: [.captured, .empty, .missing, .inferred][r.next(4)])
            }
            var kinds: [String: Int] = [:]
            for kind in ["stage-assets-missing", "stage-assets-inferred", "asset-unattributed"] where r.next(3) == 0 {
                kinds[kind] = 1 + r.next(3)
            }
            let pairing: TraceDigest.Pairing? =
                switch r.next(3) {
                case 0: nil
                case 1: .unpaired
                default:
                    .paired(
                        before: .init(captured: r.next(3), stages: 3), after: .init(captured: r.next(4), stages: 4),
                        baselineStageAssetsMissing: r.next(2) == 0)
                }
            return TraceDigest(
                traceID: "t\(i % 97)", question: nil, route: nil, status: nil, name: "t\(i)", stages: traceStages,
                ranNoStage: traceStages.isEmpty, assetCount: uses.count, errors: r.next(3), warnings: r.next(3),
                infos: r.next(2), findingKinds: kinds, pairing: pairing, assets: uses,
                expectedMissing: r.next(4) == 0 ? ["policy", "policy", "schema"] : [])
        }
    }

    /// Everything a catalog shows, in its own order and sorted, to compare two catalogs.
    static func dump(_ catalog: AssetCatalog) -> String {
        func list(_ l: AssetCatalog.TraceList) -> String {
            "\(l.count):" + l.first.map { "\($0.traceID)/\($0.name)" }.joined(separator: ",")
        }
        var out = catalog.list.map(\.key).joined(separator: "|") + "\n"
        for a in catalog.sorted {
            out += "\(a.key) \(a.kind) \(a.traces) \(a.stages.map { "\($0.name)=\($0.traces)" })\n"
            for d in a.displays {
                out += "  \(d.display) \(d.name) \(d.version ?? "-") \(d.isFallback) \(list(d.traces))"
                out += " \(d.stages.map { "\($0.stage ?? "-")=\($0.count)@\($0.first)" })\n"
            }
            out += "  g \(list(a.globalOnly)) f \(list(a.fallbacks)) o \(list(a.overrides))\n"
        }
        return out
    }

    @Test(
        "groups cut anywhere, stored and read back, then merged in order, give the totals and catalog of adding each trace",
        arguments: [1, 2, 3])
    func mergedEqualsSequential(seed: UInt64) throws {
        let traces = Self.traces(2600, seed: seed)
        var totals = BuildTotals()
        var catalog = AssetCatalog()
        for trace in traces {
            totals.add(trace)
            catalog.add(trace)
        }
        var r = Random(state: seed &* 31)
        var merged = (totals: BuildTotals(), catalog: AssetCatalog())
        var start = 0
        var groups = 0
        while start < traces.count {
            let end = min(traces.count, start + 1 + r.next(groups % 2 == 0 ? 40 : 1500))
            var group = UnitGroup(firstKey: "k\(start)", units: end - start, keys: "h", traces: end - start)
            for trace in traces[start..<end] {
                group.totals.add(trace)
                group.catalog.add(trace)
            }
            let line = group.line
            let read = try UnitGroup.parse(Array(line.utf8))
            #expect(read.line == line)
            #expect(read.totals == group.totals)
            // Some traces are added one at a time between groups, as a build adds a changed group.
            if groups % 3 == 2 {
                for trace in traces[start..<end] {
                    merged.totals.add(trace)
                    merged.catalog.add(trace)
                }
            } else {
                merged.totals.merge(read.totals)
                merged.catalog.merge(read.catalog)
            }
            start = end
            groups += 1
        }
        #expect(groups > 3)
        #expect(merged.totals == totals)
        #expect(Self.dump(merged.catalog) == Self.dump(catalog))
        #expect(catalog.sorted.contains { $0.displays.contains { $0.traces.count > AssetCatalog.listLimit } })
    }

    @Test("a group line cut short or with a part changed is refused, not misread")
    func damagedLinesRefused() throws {
        var group = UnitGroup(firstKey: "k", units: 2, keys: "h", traces: 3)
        for trace in Self.traces(3, seed: 9) {
            group.totals.add(trace)
            group.catalog.add(trace)
        }
        let line = Array(group.line.utf8)
        for cut in 0..<line.count {
            #expect(throws: JSONParser.Failure.self) { try UnitGroup.parse(Array(line[..<cut])) }
        }
        let text = group.line
        for damaged in [
            text.replacingOccurrences(of: "\t", with: " "),
            text.replacingOccurrences(of: "[[\"t0\"", with: "[[0"),
            text + "\t[]",
        ] {
            #expect(throws: JSONParser.Failure.self) { try UnitGroup.parse(Array(damaged.utf8)) }
        }
    }

    @Test(
        "a group short of the size that the input ends with is taken over while the input still ends with it, and added up again when traces follow it",
        .temporaryFolder)
    func shortLastGroup() throws {
        let root = TemporaryFolder.path
        // Seven traces in groups of three (the test runner's size): the last group holds one.
        var input = PublishSafetyTests.manyTraces(7)
        try Data(input.utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        let build = { (output: String) in try runTraceReport(["build", root + "/t.jsonl", "--output", root + output]) }
        #expect(try build("/site").status == 0)
        // The last group's stored totals are made to count 100 traces more than it holds. Only a build that takes
        // the group over, its traces' digests never read, shows them.
        let manifest = root + "/site/.tracereport-manifest"
        let stored = try String(contentsOfFile: manifest, encoding: .utf8)
        let line = "\"traces\":1,\"units\":1}\t[[1,"
        #expect(stored.components(separatedBy: line).count == 2, "one group of one trace")
        try Data(stored.replacingOccurrences(of: line, with: "\"traces\":1,\"units\":1}\t[[101,").utf8)
            .write(to: URL(fileURLWithPath: manifest))
        let unchanged = try build("/site")
        #expect(unchanged.status == 0)
        #expect(unchanged.stdout.contains(": 107 traces"), "the input ends where the group did: taken over")
        // A trace after it joins the group in this build: the group is added up again from its traces.
        input += PublishSafetyTests.manyTraces(8).split(separator: "\n").last! + "\n"
        try Data(input.utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        let added = try build("/site")
        #expect(added.status == 0)
        #expect(added.stdout.contains(": 8 traces"), "\(added.stdout)")
        #expect(try build("/fresh").status == 0)
        #expect(
            FileManager.default.contents(atPath: root + "/site/summary.json")
                == FileManager.default.contents(atPath: root + "/fresh/summary.json"))
    }
}

import Foundation
import Testing

@testable import TraceReport

/// Random asset infos of every kind, resolved by the reference model of the
/// orchestrator's rules, written as traces whose stages hold the reference
/// displays, and built by the real binary: `summary.json` must show the same
/// keys and displays, and no stage may be called unattributed or missing.
@Suite("The orchestrator's asset rules, differentially against a reference model", .temporaryFolder)
struct OrchestratorRulesDifferentialTests {
    static let cases = 2_000
    static let stages = ["route_plan", "validate", "execute", "compose", "present"]
    static let names = ["ci_compose_prompt", "cpu_usage", "metric_alias", "a", "b", "x:y", "쿼리", "odd (v1) name"]

    struct Generator {
        var rng: SplitMix

        mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }

        /// A field that may be absent, null, empty or one of a few values (names collide on purpose).
        mutating func maybeText(_ pool: [String], present: UInt64 = 60) -> JSONValue? {
            guard chance(present) else { return chance(50) ? nil : .null }
            return chance(10) ? .string("") : .string(pick(pool))
        }

        mutating func info() -> [String: JSONValue] {
            var info: [String: JSONValue] = [:]
            let fields: [(String, [String])] = [
                ("name", OrchestratorRulesDifferentialTests.names), ("asset_id", ["a-1", "a-2", "q-77"]),
                ("screen_id", ["screen_arch", "screen_topo"]),
                ("tool_name", ["promql_runner", "kubectl"]), ("policy_type", ["view", "edit"]),
                ("mapping_type", ["alias", "unit"]),
            ]
            for (key, pool) in fields {
                if let value = maybeText(pool, present: key == "name" ? 70 : 35) { info[key] = value }
            }
            switch rng.next() % 8 {
            case 0: break
            case 1: info["version"] = .null
            case 2: info["version"] = .string(pick(["2", "2024.11", "3-canary"]))
            case 3: info["version"] = .double(pick([2.0, 1.5]))
            case 4: info["version"] = .bool(true)
            default: info["version"] = .int(Int(rng.next() % 4))
            }
            switch rng.next() % 6 {
            case 0: break
            case 1: info["source"] = .null
            case 2: info["source"] = .string(pick(["builtin_fallback", "local_file"]))
            default: info["source"] = .string("asset_registry")
            }
            return info
        }

        /// Global `applied_assets` in either shape or a mix, with falsy slots, slot copies in lists and duplicate keys.
        mutating func globalAssets() -> [String: JSONValue] {
            var assets: [String: JSONValue] = [:]
            for kind in ["prompt", "policy", "mapping", "source", "schema", "catalog", "resolver"] where chance(60) {
                assets[kind] = chance(10) ? .object([:]) : chance(5) ? .null : .object(info())
            }
            for field in ["prompts", "policies", "mappings", "tools", "queries", "screens"] where chance(55) {
                var items: [JSONValue] = []
                for _ in 0..<(1 + rng.next() % 4) { items.append(.object(info())) }
                let slotKind = ["prompts": "prompt", "policies": "policy", "mappings": "mapping"][field]
                if let slotKind, case .object(let slot)? = assets[slotKind], chance(50) {
                    items.insert(.object(slot), at: Int(rng.next() % UInt64(items.count + 1)))  // the slot's own entry, skipped
                }
                assets[field] = .array(items)
            }
            return assets
        }

        /// Overrides for keys the rules may look up (`prompt:None` included) and for some they never do.
        mutating func overrides() -> [String: String] {
            var overrides: [String: String] = [:]
            for _ in 0..<(rng.next() % 4) {
                let kind = pick([
                    "prompt", "policy", "mapping", "source", "schema", "catalog", "resolver", "tool", "query", "screen",
                ])
                let name =
                    chance(15)
                    ? "None"
                    : pick(OrchestratorRulesDifferentialTests.names + ["screen_arch", "promql_runner", "a-1", kind])
                overrides["\(kind):\(name)"] = "\(name) (v9-override)"
            }
            return overrides
        }
    }

    @Test(
        "2,000 random traces: tracereport's keys and displays equal the reference model's, and every global asset is claimed"
    )
    func differential() throws {
        var generator = Generator(rng: SplitMix(seed: 909))
        var expected:
            [String: (
                applied: [(key: String, display: String)], overridden: Set<String>, stages: [String: [String: String]]
            )] = [:]
        var lines: [String] = []
        for i in 0..<Self.cases {
            let assets = generator.globalAssets()
            let overrides = generator.overrides()
            let (applied, overridden) = ReferenceOrchestrator.resolve(assets, overrides: overrides)
            // Each asset goes to one or two stages; every stage input is recorded, some stay empty.
            var stageMaps: [String: [String: String]] = Dictionary(uniqueKeysWithValues: Self.stages.map { ($0, [:]) })
            for (key, display) in applied {
                stageMaps[generator.pick(Self.stages)]![key] = display
                if generator.chance(20) { stageMaps[generator.pick(Self.stages)]![key] = display }
            }
            let id = "d\(i)"
            expected[id] = (applied, overridden, stageMaps)
            let trace: JSONValue = .object([
                "trace_id": .string(id),
                "request_payload": .object(["asset_overrides": .object(overrides.mapValues(JSONValue.string))]),
                "applied_assets": .object(assets),
                "stage_inputs": .array(
                    Self.stages.map { name in
                        .object([
                            "stage": .string(name),
                            "applied_assets": .object(stageMaps[name]!.mapValues(JSONValue.string)),
                        ])
                    }),
            ])
            lines.append(ReferenceOrchestrator.pythonJSON(trace))
        }
        let root = TemporaryFolder.path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: root + "/random.jsonl"))
        let result = try runTraceReport(["build", root + "/random.jsonl", "--output", root + "/site"])
        #expect(result.status == 0, "\(result.stderr)")

        let data = try #require(FileManager.default.contents(atPath: root + "/site/summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let traces = try #require(summary["traces"] as? [[String: Any]])
        #expect(traces.count == Self.cases)
        var nonEmpty = 0
        var overriddenSeen = 0
        for entry in traces {
            let id = try #require(entry["trace_id"] as? String)
            let reference = try #require(expected[id])
            let global = entry["applied_assets"] as? [String: String]
            #expect(
                global == Dictionary(uniqueKeysWithValues: reference.applied.map { ($0.key, $0.display) }),
                "global assets of \(id)")
            if !reference.applied.isEmpty { nonEmpty += 1 }
            let stages = try #require(entry["stages"] as? [[String: Any]])
            for stage in stages {
                let name = try #require(stage["stage"] as? String)
                #expect(
                    stage["applied_assets"] as? [String: String] == reference.stages[name], "stage \(name) of \(id)")
            }
            let findings = try #require(entry["findings"] as? [[String: Any]])
            let kinds = findings.compactMap { $0["kind"] as? String }
            #expect(
                !kinds.contains("asset-unattributed") && !kinds.contains("stage-assets-missing"), "\(id): \(findings)")
            let overrideAssets = Set(
                findings.filter { $0["kind"] as? String == "override" }.compactMap { $0["asset"] as? String })
            #expect(
                reference.overridden.isSubset(of: overrideAssets),
                "\(id): overrides of \(reference.overridden) reported for \(overrideAssets)")
            overriddenSeen += reference.overridden.count
        }
        #expect(nonEmpty > Self.cases * 9 / 10, "the generator makes assets")
        #expect(overriddenSeen > 100, "the generator exercises overrides")
    }
}

import Foundation
import Testing

@testable import TraceReport

/// The rows the real orchestrator writes (`Fixtures/real-rows/`, each labelled in `findings.expected`):
/// the report finds exactly what is true of them, no more and no less.
@Suite("Truthful on real rows: no-stage answers, unused slots, API exports, the schema alias, orch routes")
struct RealRowsTests {
    static let folder = TestPaths.fixture("real-rows")

    /// `trace_id` (with ` (API export)` for the export) → the finding kinds it must produce.
    static func expected() throws -> [String: [String]] {
        let data = try #require(FileManager.default.contents(atPath: folder + "/findings.expected"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String]])
    }

    static func analysed() -> [(label: String, analysis: TraceAnalysis)] {
        let inputs = [TraceInput.path(folder + "/rows.jsonl"), .path(folder + "/api-export-orch-before-fix.json")]
        return TraceLoader().results(inputs).compactMap { result in
            guard case .trace(let loaded) = result else { return nil }
            let label = loaded.source.hasSuffix(".json") ? loaded.trace.traceID + " (API export)" : loaded.trace.traceID
            return (label, TraceAnalyser.analyse(loaded))
        }
    }

    @Test("every labelled row gives exactly its findings")
    func labelledRows() throws {
        let expected = try Self.expected()
        let rows = Self.analysed()
        #expect(Set(rows.map(\.label)) == Set(expected.keys), "every row is labelled, every label has its row")
        for (label, analysis) in rows {
            #expect(
                analysis.findings.map(\.kind.rawValue) == expected[label],
                "\(label): \(analysis.findings.map(\.message))")
        }
    }

    @Test("stage states: no stages for direct, reject and /ops/query rows; validate empty; the export inferred")
    func stageStates() {
        let rows = Dictionary(Self.analysed().map { ($0.label, $0.analysis) }, uniquingKeysWith: { first, _ in first })
        for label in ["direct-answer", "reject-answer", "ops-query-config"] {
            #expect(rows[label]?.ranNoStage == true && rows[label]?.stages.isEmpty == true, "\(label)")
        }
        #expect(rows["orch-after-fix"]?.ranNoStage == false)
        #expect(
            rows["orch-after-fix"]?.stages.map(\.coverage) == [.captured, .empty, .captured, .captured, .captured],
            "validate is {} in every real row")
        #expect(rows["orch-before-fix"]?.stages.map(\.coverage) == Array(repeating: .empty, count: 5))
        let export = rows["orch-before-fix (API export)"]
        #expect(export?.stages.map(\.coverage) == [.inferred, .empty, .inferred, .inferred, .empty])
        #expect(
            export?.stages[2].assets.allSatisfy(\.isInferred) == true,
            "tool:01 and tool:02 with bare names are the export's renaming")
        #expect(export?.stages.flatMap(\.assets).contains(where: \.isFallback) == false, "\"inferred\" is no fallback")
        #expect(
            AssetUse.uses(of: export!).allSatisfy { $0.stage == nil },
            "back-filled entries are never counted as uses of a stage")
    }

    @Test("the schema alias of catalog is one asset, claimed with it")
    func schemaAlias() throws {
        let row = try #require(Self.analysed().first { $0.label == "mid-era-schema-alias" }).analysis
        let schema = try #require(row.global.first { $0.entry.key == "schema" })
        #expect(schema.aliasOf == "catalog" && schema.claimedBy == ["execute"])
        #expect(AssetUse.uses(of: row).filter { $0.stage == nil }.isEmpty, "the alias is no global-only asset")
        // A schema that is another asset than the catalog is not an alias.
        var other = row.trace
        let slots = try #require(other.appliedAssets).slots.map { slot in
            slot.kind == "schema"
                ? (
                    slot.kind,
                    .info(
                        AssetInfo(
                            assetID: "another", name: "metrics_schema", version: .int(1),
                            source: .named(AssetSource.registry)))
                ) : slot
        }
        other.appliedAssets?.slots = slots
        let findings = TraceAnalyser.analyse(LoadedTrace(trace: other, source: "x")).findings
        #expect(findings.map(\.kind) == [.assetUnattributed] && findings.first?.asset == "schema")
    }

    /// Real-shaped rows made at random, as the writer would write them.
    struct RowMaker {
        var rng: SplitMix
        let slots = ["prompt", "policy", "mapping", "source", "catalog", "resolver"]

        mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

        /// Global `applied_assets` (every slot, null when empty, `schema` repeating `catalog`) and the writer's `fallbacks`.
        mutating func global(atLeastOne: Bool) -> (assets: JSONValue, fallbacks: JSONValue, count: Int) {
            var assets: [String: JSONValue] = [:]
            var fallbacks: [String: JSONValue] = [:]
            var count = 0
            for (i, kind) in slots.enumerated() {
                let present = chance(60) || (atLeastOne && count == 0 && i == slots.count - 1)
                let fromFallback = present && chance(15)
                let info: JSONValue =
                    present
                    ? .object([
                        "asset_id": fromFallback ? .null : .string("id-\(kind)-\(rng.next() % 9)"),
                        "name": .string("\(kind)_\(rng.next() % 5)"),
                        "version": fromFallback ? .null : .int(Int(rng.next() % 7) + 1),
                        "source": .string(fromFallback ? "builtin_fallback" : "asset_registry"),
                    ]) : .null
                if present { count += 1 }
                assets[kind] = info
                fallbacks[kind] = .bool(!present || fromFallback)
            }
            assets["schema"] = assets["catalog"]
            fallbacks["schema"] = fallbacks["catalog"]
            assets["queries"] = .array([])
            assets["screens"] = .array([])
            fallbacks["query"] = .bool(false)
            return (.object(assets), .object(fallbacks), count)
        }

        mutating func row(
            _ id: String, route: String, endpoint: String = "/ops/ask", stages: JSONValue, atLeastOne: Bool
        ) -> (Trace, Int) {
            let (assets, fallbacks, count) = global(atLeastOne: atLeastOne)
            let outputs: JSONValue =
                if case .array(let inputs) = stages {
                    .array(
                        inputs.map {
                            .object([
                                "stage": $0.objectField("stage") ?? .null,
                                "diagnostics": .object(["status": .string("ok")]),
                            ])
                        })
                } else { .array([]) }
            let json: JSONValue = .object([
                "trace_id": .string(id), "route": .string(route), "endpoint": .string(endpoint),
                "question": .string("q \(id)"),
                "request_payload": .object(["question": .string("q \(id)"), "rerun": .null]), "applied_assets": assets,
                "fallbacks": fallbacks,
                "stage_inputs": stages, "stage_outputs": outputs, "plan_validated": .null,
            ])
            return (try! TraceDecoder.decode(json), count)
        }
    }

    static let failing = Set(FindingKind.defaultFailOn)

    @Test("300 no-stage rows (direct, reject, /ops/query) with random slots: no finding at all")
    func noStageRowsHaveNoFalseFinding() {
        var maker = RowMaker(rng: SplitMix(seed: 17))
        for i in 0..<300 {
            let (route, endpoint) = [("direct", "/ops/ask"), ("reject", "/ops/ask"), ("orch", "/ops/query")][i % 3]
            let (trace, _) = maker.row("n\(i)", route: route, endpoint: endpoint, stages: .array([]), atLeastOne: false)
            let analysis = analyse(trace)
            #expect(analysis.ranNoStage)
            // A fallback a real asset came from is still a (true) warning; nothing else may appear.
            let kinds = Set(analysis.findings.map(\.kind))
            #expect(kinds.isSubset(of: [.fallback]), "n\(i): \(analysis.findings.map(\.message))")
            for finding in analysis.findings {
                let held =
                    trace.appliedAssets?.slots.contains {
                        $0.kind == finding.asset || ($0.kind == "catalog" && finding.asset == "schema")
                    } ?? false
                #expect(held, "n\(i): a fallback finding on a kind that holds an asset: \(finding.message)")
            }
        }
    }

    @Test(
        "300 legacy orch rows (every stage map {}) with at least one global asset: stage-assets-missing, the only failing finding"
    )
    func legacyRowsAreErrors() {
        var maker = RowMaker(rng: SplitMix(seed: 18))
        let stages: JSONValue = .array(
            PipelineSpec.stageOrder.map { .object(["stage": .string($0), "applied_assets": .object([:])]) })
        for i in 0..<300 {
            let (trace, _) = maker.row("l\(i)", route: i % 2 == 0 ? "orch" : "plan", stages: stages, atLeastOne: true)
            let kinds = analyse(trace).findings.map(\.kind)
            #expect(kinds.filter(Self.failing.contains) == [.stageAssetsMissing], "l\(i): \(kinds)")
        }
    }

    @Test(
        "300 API exports (stage maps back-filled with inferred infos and tool:NN): stage-assets-inferred, never a fallback"
    )
    func exportsAreErrors() {
        var maker = RowMaker(rng: SplitMix(seed: 19))
        for i in 0..<300 {
            var stages: [JSONValue] = []
            for (j, stage) in PipelineSpec.stageOrder.enumerated() {
                var map: [String: JSONValue] = [:]
                if stage == "execute" {
                    for n in 1...(1 + i % 3) { map[String(format: "tool:%02d", n)] = .string("tool_\(n)") }
                } else if j % 2 == 0 && maker.chance(70) {
                    map["prompt"] = .object([
                        "asset_id": .null, "name": .string("p\(j)"), "version": .null, "source": .string("inferred"),
                    ])
                }
                stages.append(.object(["stage": .string(stage), "applied_assets": .object(map)]))
            }
            let (trace, _) = maker.row("e\(i)", route: "orch", stages: .array(stages), atLeastOne: true)
            let findings = analyse(trace).findings
            #expect(
                findings.map(\.kind).filter(Self.failing.contains) == [.stageAssetsInferred],
                "e\(i): \(findings.map(\.message))")
            #expect(
                !findings.contains { $0.kind == .fallback && $0.stage != nil },
                "e\(i): an inferred entry is no fallback")
        }
    }

    @Test("check on the real rows: exactly the true findings, exit 3 for the legacy row and the export")
    func checkCommand() throws {
        let result = try runTraceReport([
            "check", Self.folder + "/rows.jsonl", Self.folder + "/api-export-orch-before-fix.json",
        ])
        #expect(result.status == 3)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let expected = [
            "rows.jsonl:2: orch-before-fix: -: error stage-assets-missing: ",
            "rows.jsonl:7: orch-mapping-fallback: execute: warning fallback: ",
            "api-export-orch-before-fix.json: orch-before-fix: -: error stage-assets-inferred: ",
        ]
        #expect(lines.count == expected.count, "\(result.stdout)")
        for (line, start) in zip(lines, expected) {
            #expect(line.hasPrefix(ShownPath.relative(Self.folder) + "/" + start), "\(line)")
        }
        #expect(
            result.stderr.hasSuffix(
                "checked 8 traces: 3 findings, 2 failing (asset-unattributed,judgment-blind-spot,regression-fail,stage-assets-inferred,stage-assets-missing)\n"
            ))
    }
}

import Foundation
import Testing

@testable import TraceReport

@Suite("Pipeline engine: legacy reproduces the bug, scoped records every stage's assets")
struct PipelineEngineTests {
    static let specJSON = """
        {"name": "engine-test", "recorded_at": "2026-11-20T09:00:00Z",
         "registry": {"prompt": [{"name": "planner", "versions": [1, 2], "active": 2}, {"name": "composer", "versions": [1], "active": 1}],
                      "policy": [{"name": "guard", "versions": [3], "active": 3}],
                      "query": [{"name": "cpu", "versions": [1], "active": 1}],
                      "screen": [{"name": "chart", "versions": [2], "active": 2}]},
         "fallbacks": [{"kind": "mapping", "name": "alias", "source": "builtin_fallback"}],
         "queries": [
           {"id": "d", "route": "orch", "question": "orchestrated?", "expected_assets": ["prompt", "query"],
            "stages": {"route_plan": ["prompt:planner"], "execute": ["query:cpu", "mapping:alias"], "compose": ["prompt:composer"], "present": ["screen:chart"]}},
           {"id": "p", "route": "plan", "question": "plan?", "overrides": {"prompt:composer": "composer (v9-canary)"},
            "stages": {"route_plan": ["prompt:planner"], "validate": ["policy:guard"], "execute": ["query:cpu"], "compose": ["prompt:composer"], "present": ["screen:chart"]}},
           {"id": "r", "route": "reject", "question": "reject?", "expected_assets": ["prompt"], "assets": ["prompt:planner", "policy:guard"]}
         ]}
        """

    func spec() throws -> PipelineSpec { try PipelineSpecLoader.load(Data(Self.specJSON.utf8), file: "engine.json") }

    func stageInputs(_ trace: JSONValue) throws -> [(String, [String: String])] {
        let t = try TraceDecoder.decode(trace)
        return (t.stageInputs ?? []).map { input in
            (
                input.stage ?? "",
                Dictionary(
                    uniqueKeysWithValues: (input.appliedAssets ?? []).map { entry -> (String, String) in
                        if case .display(let d) = entry.value { return (entry.key, d) }
                        return (entry.key, "?")
                    })
            )
        }
    }

    @Test("scoped: each route's stages carry exactly the assets they resolved, formatted and overridden")
    func scopedInputs() async throws {
        let engine = PipelineEngine(spec: try spec())
        let queries = try spec().queries
        let orch = try stageInputs(await engine.run(queries[0], index: 0, ordering: .scoped))
        #expect(orch.map(\.0) == PipelineSpec.stageOrder, "orch runs all five stages")
        #expect(orch[0].1 == ["prompt": "planner (v2)"])
        #expect(orch[1].1 == [:], "validate resolves nothing here, and records {} as real rows do")
        #expect(orch[2].1 == ["query:cpu": "cpu (v1)", "mapping": "alias (fallback)"])
        #expect(orch[4].1 == ["screen:chart": "chart (v2)"])
        let plan = try stageInputs(await engine.run(queries[1], index: 1, ordering: .scoped))
        #expect(plan.map(\.0) == PipelineSpec.stageOrder)
        #expect(plan[3].1 == ["prompt": "composer (v9-canary)"])
        // A reject answer runs no stage: the planner's assets are global only, in the writer's shape.
        let rejected = await engine.run(queries[2], index: 2, ordering: .scoped)
        #expect(try stageInputs(rejected).isEmpty)
        let reject = try TraceDecoder.decode(rejected)
        #expect(reject.stageInputs == [] && reject.stageOutputs == [])
        let global = AssetFormatter().entries(for: try #require(reject.appliedAssets))
        #expect(global.map(\.display) == ["planner (v2)", "guard (v3)"])
        #expect(
            reject.fallbacks == [
                "prompt": false, "policy": false, "mapping": true, "source": true, "catalog": true, "schema": true,
                "resolver": true, "query": false,
            ])
        let analysis = TraceAnalyser.analyse(LoadedTrace(trace: reject, source: "x"))
        #expect(
            analysis.ranNoStage && analysis.findings.isEmpty,
            "no stage ran: nothing is missing, and the empty slots' flags are no fallbacks")
    }

    @Test("legacy: every stage input is empty while the global assets are complete")
    func legacyInputs() async throws {
        let engine = PipelineEngine(spec: try spec())
        let trace = await engine.run(try spec().queries[0], index: 0, ordering: .legacy)
        #expect(try stageInputs(trace).allSatisfy { $0.1.isEmpty })
        let decoded = try TraceDecoder.decode(trace)
        let global = AssetFormatter().entries(for: try #require(decoded.appliedAssets))
        #expect(Set(global.map(\.key)) == ["prompt", "mapping", "query:cpu", "screen:chart"])
        #expect(
            global.first { $0.key == "prompt" }?.display == "composer (v1)",
            "the single slot holds the last prompt tracked")
        #expect(
            TraceAnalyser.analyse(LoadedTrace(trace: decoded, source: "x")).findings.map(\.kind).contains(
                .stageAssetsMissing))
    }

    @Test("traces are in the export format: ids, parent, fallbacks, diagnostics, expected assets — and deterministic")
    func exportFormat() async throws {
        let engine = PipelineEngine(spec: try spec())
        let query = try spec().queries[0]
        let scoped = try TraceDecoder.decode(await engine.run(query, index: 0, ordering: .scoped))
        #expect(scoped.traceID == "scoped-d" && scoped.parentTraceID == "legacy-d")
        #expect(scoped.fallbacks["mapping"] == true && scoped.fallbacks["query"] == false)
        #expect(scoped.expectedAssets == ["prompt", "query"])
        #expect(scoped.stageOutputs?[2].status == "warning", "a fallback makes the stage's status a warning")
        #expect(
            scoped.assetVersions == ["prompt-composer", "alias@builtin_fallback", "query-cpu", "screen-chart"],
            "asset_versions holds asset ids (name@source for an asset without one), as the writer stores them")
        #expect(
            scoped.stageOutputs?[2].references
                == .array([.object(["kind": .string("query"), "name": .string("cpu"), "version": .int(1)])]))
        #expect(scoped.createdAt == "2026-11-20T09:00:00Z")
        let again = await engine.run(query, index: 0, ordering: .scoped)
        #expect(again == (await engine.run(query, index: 0, ordering: .scoped)))
        let legacy = try TraceDecoder.decode(await engine.run(query, index: 0, ordering: .legacy))
        #expect(legacy.parentTraceID == nil && legacy.durationMS == scoped.durationMS)
    }

    @Test("hundreds of interleaved requests: no asset lands in another request's or stage's record")
    func concurrency() async throws {
        // 300 queries, each with its own assets, run 16 at a time; stages yield after every asset.
        var registry: [String] = []
        var queries: [String] = []
        for i in 0..<300 {
            registry.append(#"{"name": "q\#(i)", "versions": [\#(i % 7 + 1)], "active": \#(i % 7 + 1)}"#)
            queries.append(
                #"{"id": "r\#(i)", "route": "plan", "question": "?", "stages": {"route_plan": ["prompt:p\#(i % 5)"], "validate": ["schema:s\#(i % 3)"], "execute": ["query:q\#(i)", "query:q\#((i + 1) % 300)"], "compose": ["prompt:p\#((i + 2) % 5)"], "present": ["screen:v\#(i % 4)"]}}"#
            )
        }
        let prompts = (0..<5).map { #"{"name": "p\#($0)", "versions": [1], "active": 1}"# }.joined(separator: ",")
        let schemas = (0..<3).map { #"{"name": "s\#($0)", "versions": [2], "active": 2}"# }.joined(separator: ",")
        let screens = (0..<4).map { #"{"name": "v\#($0)", "versions": [3], "active": 3}"# }.joined(separator: ",")
        let json =
            #"{"name": "many", "registry": {"prompt": [\#(prompts)], "schema": [\#(schemas)], "screen": [\#(screens)], "query": [\#(registry.joined(separator: ","))]}, "queries": [\#(queries.joined(separator: ","))]}"#
        let spec = try PipelineSpecLoader.load(Data(json.utf8), file: "many.json")
        let traces = await PipelineRunner(spec: spec, jobs: 16).run([.scoped])[.scoped] ?? []
        #expect(traces.count == 300)
        for (i, value) in traces.enumerated() {
            let trace = try TraceDecoder.decode(value)
            #expect(trace.traceID == "scoped-r\(i)")
            let stages = try stageInputs(value)
            let v = { (n: Int) in n % 7 + 1 }
            #expect(stages[0].1 == ["prompt": "p\(i % 5) (v1)"])
            #expect(stages[1].1 == ["schema": "s\(i % 3) (v2)"])
            #expect(
                stages[2].1 == [
                    "query:q\(i)": "q\(i) (v\(v(i)))",
                    "query:q\((i + 1) % 300)": "q\((i + 1) % 300) (v\(v((i + 1) % 300)))",
                ])
            #expect(stages[3].1 == ["prompt": "p\((i + 2) % 5) (v1)"])
            #expect(stages[4].1 == ["screen:v\(i % 4)": "v\(i % 4) (v3)"])
            let global = AssetFormatter().entries(for: try #require(trace.appliedAssets)).map(\.key)
            // The writer keeps `schema` as an alias of `catalog`: both hold the schema.
            #expect(
                Set(global) == [
                    "prompt", "catalog", "schema", "query:q\(i)", "query:q\((i + 1) % 300)", "screen:v\(i % 4)",
                ])
        }
    }

    @Test("the tracker keeps scopes apart: a stage sees only its own assets, the request all of them")
    func trackerScopes() async {
        let (stages, global) = await AssetTracker.withRequest { () async -> [GlobalAssets] in
            let (_, a) = await AssetTracker.withStage { AssetTracker.track(kind: "prompt", info: AssetInfo(name: "a")) }
            let (_, b) = await AssetTracker.withStage { AssetTracker.track(kind: "query", info: AssetInfo(name: "b")) }
            return [a, b]
        }
        #expect(stages[0].slots.map(\.kind) == ["prompt"] && stages[0].lists.isEmpty)
        #expect(stages[1].slots.isEmpty && stages[1].lists.first?.values.map(\.name) == ["b"])
        #expect(global.slots.count == 1 && global.lists.first?.values.count == 1)
        AssetTracker.track(kind: "prompt", info: AssetInfo(name: "nowhere"))  // outside any scope: recorded nowhere, no crash
    }
}

import Testing

@testable import TraceReport

@Suite("Trace analyser: coverage and findings")
struct TraceAnalyserTests {
    func traceWithGlobal(_ stages: [StageInput]?) -> Trace {
        var trace = Trace(traceID: "t1")
        trace.appliedAssets = GlobalAssets(
            slots: [("prompt", .info(registryInfo("ci_compose_prompt", .int(2))))],
            lists: [("query", "queries", [registryInfo("cpu_usage", .int(1)), registryInfo("mem_usage", .int(3))])])
        trace.stageInputs = stages
        return trace
    }

    @Test("global assets with every stage empty or missing is stage-assets-missing, an error")
    func stageAssetsMissing() {
        let analysis = analyse(traceWithGlobal([stage("route_plan", [:]), stage("execute", nil)]))
        #expect(analysis.stages.map(\.coverage) == [.empty, .missing])
        #expect(analysis.findings.map(\.kind) == [.stageAssetsMissing])
        #expect(analysis.findings.first?.severity == .error)
        #expect(
            analysis.findings.first?.message
                == "global applied_assets hold 3 assets, but no stage recorded any: all 2 stages have empty or missing applied_assets"
        )
    }

    @Test("global assets and no stage inputs at all is stage-assets-missing too")
    func noStages() {
        #expect(analyse(traceWithGlobal(nil)).findings.map(\.kind) == [.stageAssetsMissing])
    }

    @Test("no global assets and empty stages is not a finding")
    func nothingRecorded() {
        var trace = Trace(traceID: "t")
        trace.stageInputs = [stage("route_plan", [:])]
        #expect(analyse(trace).findings.isEmpty)
    }

    @Test("a global list entry no stage claims is asset-unattributed")
    func unattributed() {
        let analysis = analyse(
            traceWithGlobal([
                stage("compose", ["prompt": "ci_compose_prompt (v2)"]),
                stage("execute", ["query:cpu_usage": "cpu_usage (v1)"]),
            ]))
        #expect(analysis.findings.map(\.kind) == [.assetUnattributed])
        #expect(analysis.findings.first?.asset == "query:mem_usage")
        #expect(analysis.global.map(\.claimedBy) == [["compose"], ["execute"], []])
    }

    @Test("the global single slot's final value must be claimed by name, not only by kind")
    func slotClaimedByName() {
        let analysis = analyse(
            traceWithGlobal([
                stage("route_plan", ["prompt": "ci_planner_prompt (v4)"]),
                stage("execute", ["query:cpu_usage": "cpu_usage (v1)", "query:mem_usage": "mem_usage (v3)"]),
            ]))
        #expect(analysis.findings.map(\.asset) == ["prompt"])
    }

    @Test("full attribution has no findings")
    func fullAttribution() {
        let analysis = analyse(
            traceWithGlobal([
                stage("execute", ["query:cpu_usage": "cpu_usage (v1)", "query:mem_usage": "mem_usage (v3)"]),
                stage("compose", ["prompt": "ci_compose_prompt (v2)"]),
            ]))
        #expect(analysis.findings.isEmpty)
        #expect(analysis.stages.map(\.coverage) == [.captured, .captured])
    }

    @Test("a fallback is a warning on the stage that used it")
    func fallbackOnStage() {
        var trace = Trace(traceID: "t")
        trace.stageInputs = [stage("validate", ["mapping": "metric_alias (fallback)"])]
        let findings = analyse(trace).findings
        #expect(findings.map(\.kind) == [.fallback])
        #expect(findings.first?.stage == "validate" && findings.first?.severity == .warning)
    }

    @Test("without stage attribution, fallbacks are reported from the global assets")
    func fallbackFromGlobal() {
        var trace = Trace(traceID: "t")
        trace.appliedAssets = GlobalAssets(slots: [
            ("mapping", .info(AssetInfo(name: "metric_alias", source: .named("builtin_fallback"))))
        ])
        trace.stageInputs = [stage("validate", [:])]
        let findings = analyse(trace).findings
        #expect(findings.map(\.kind) == [.stageAssetsMissing, .fallback])
        #expect(findings.last?.stage == nil && findings.last?.asset == "mapping")
    }

    @Test("fallbacks[kind] speaks only for a kind that holds an asset: the writer sets it for every empty slot")
    func fallbackFlagOnly() {
        var empty = Trace(traceID: "t")
        empty.fallbacks = ["mapping": true, "source": true, "catalog": true, "schema": true, "policy": false]
        #expect(
            analyse(empty).findings.isEmpty,
            "no mapping, source or catalog anywhere: the flags mark empty slots, not fallbacks")

        var held = Trace(traceID: "t")
        held.fallbacks = ["mapping": true, "source": true]
        held.appliedAssets = GlobalAssets(slots: [("mapping", .info(registryInfo("metric_alias", .int(2))))])
        held.stageInputs = [stage("execute", ["mapping": "metric_alias (v2)"])]
        let findings = analyse(held).findings
        #expect(
            findings.map(\.kind) == [.fallback] && findings.first?.stage == nil,
            "mapping holds an asset: its flag is reported")
        #expect(findings.map(\.asset) == ["mapping"], "source holds nothing: its flag says nothing")
    }

    @Test("an asset an override produced is an info finding on its stage")
    func override() {
        var trace = Trace(traceID: "t")
        trace.assetOverrides = [
            "prompt:ci_compose_prompt": "ci_compose_prompt (v3-canary)", "query:cpu_usage": "cpu_usage (v7)",
        ]
        trace.stageInputs = [
            stage("compose", ["prompt": "ci_compose_prompt (v3-canary)"]),
            stage("execute", ["query:cpu_usage": "cpu_usage (v1)"]),
        ]
        let findings = analyse(trace).findings
        #expect(findings.map(\.kind) == [.override])
        #expect(findings.first?.stage == "compose" && findings.first?.severity == .info)
    }

    @Test("a null source is flagged as ambiguous rather than hidden")
    func nullSource() {
        var trace = Trace(traceID: "t")
        trace.appliedAssets = GlobalAssets(slots: [
            ("source", .info(AssetInfo(name: "prometheus_main", version: .int(2), source: .null)))
        ])
        trace.stageInputs = [stage("execute", ["source": "prometheus_main (fallback)"])]
        let kinds = analyse(trace).findings.map(\.kind)
        #expect(kinds.contains(.assetSourceNull))
        #expect(kinds.contains(.fallback))
    }

    @Test("outputs pair with inputs by stage name and occurrence; unmatched outputs become stages without assets")
    func outputsPairByName() {
        var trace = Trace(traceID: "t")
        trace.stageInputs = [stage("execute", ["query:a": "a (v1)"]), stage("execute", [:])]
        trace.stageOutputs = [
            StageOutput(stage: "execute", status: "ok"), StageOutput(stage: "present", status: "ok"),
            StageOutput(stage: "execute", status: "error"),
        ]
        let stages = analyse(trace).stages
        #expect(stages.map(\.name) == ["execute", "execute", "present"])
        #expect(stages.map { $0.output?.status } == ["ok", "error", "ok"])
        #expect(stages.map(\.coverage) == [.captured, .empty, .missing])
    }

    @Test("findings are ordered by severity, then stage order")
    func ordering() {
        var trace = traceWithGlobal([
            stage("execute", ["query:cpu_usage": "cpu_usage (v1)", "mapping": "m (fallback)"]),
            stage("compose", ["prompt": "x (fallback)"]),
        ])
        trace.assetOverrides = ["prompt:x": "x (fallback)"]
        let findings = analyse(trace).findings
        #expect(findings.map(\.severity) == findings.map(\.severity).sorted())
        #expect(findings.filter { $0.kind == .fallback }.map(\.stage) == ["execute", "compose"])
    }

    @Test(
        "a stage claims a global asset by kind and display: a stage's prompt slot claims the global prompt:<name> list entry"
    )
    func claimsByDisplay() {
        var trace = Trace(traceID: "t")
        trace.appliedAssets = GlobalAssets(
            slots: [("prompt", .info(registryInfo("ci_compose_prompt", .int(2))))],
            lists: [
                (
                    "prompt", "prompts",
                    [registryInfo("ci_planner_prompt", .int(4)), registryInfo("ci_compose_prompt", .int(2))]
                )
            ])
        trace.stageInputs = [
            stage("route_plan", ["prompt": "ci_planner_prompt (v4)"]),
            stage("compose", ["prompt": "ci_compose_prompt (v2)"]),
        ]
        let analysis = analyse(trace)
        #expect(analysis.global.map(\.entry.key) == ["prompt", "prompt:ci_planner_prompt"])
        #expect(analysis.global.map(\.claimedBy) == [["compose"], ["route_plan"]])
        #expect(analysis.findings.isEmpty)
    }

    @Test("the same key at another version is not the global asset: it stays unattributed")
    func claimNeedsTheSameVersion() {
        let analysis = analyse(
            traceWithGlobal([
                stage("compose", ["prompt": "ci_compose_prompt (v2)"]),
                stage("execute", ["query:cpu_usage": "cpu_usage (v1)", "query:mem_usage": "mem_usage (v2)"]),
            ]))
        #expect(analysis.findings.map(\.asset) == ["query:mem_usage"])
    }

    @Test("odd stage shapes are warnings on their stage and key; the trace is still analysed")
    func shapeFindings() {
        var trace = traceWithGlobal(nil)
        trace.stageInputs = [
            StageInput(
                stage: "execute",
                appliedAssets: [
                    ("queries", .list([.display("cpu_usage (v1)"), .display("mem_usage (v3)")])),
                    ("x", .unexpected(.bool(true))),
                ]),
            stage("compose", ["prompt": "ci_compose_prompt (v2)"]),
        ]
        let analysis = analyse(trace)
        #expect(analysis.stages[0].assets.map(\.key) == ["x", "query:cpu_usage", "query:mem_usage"])
        #expect(
            analysis.findings.map(\.kind) == [.stageAssetsShape, .stageAssetsShape],
            "the list's queries are claimed: no asset-unattributed")
        #expect(
            analysis.findings.map(\.message) == [
                #"applied_assets["queries"] holds a list of 2 where the orchestrator writes one display string per key: read as one asset per element"#,
                #"applied_assets["x"] holds a boolean where a display string belongs: shown as JSON text (true)"#,
            ])
        #expect(analysis.findings.allSatisfy { $0.stage == "execute" && $0.severity == .warning })
    }

    @Test("every wrong-typed field is a field-wrong-type warning on the trace")
    func fieldIssues() {
        var trace = Trace(traceID: "t")
        trace.fieldIssues = [FieldIssue(path: "$.duration_ms", reason: "expected a number, found a string: ignored")]
        let findings = analyse(trace).findings
        #expect(
            findings == [
                Finding(kind: .fieldWrongType, message: "$.duration_ms: expected a number, found a string: ignored")
            ])
        #expect(findings[0].severity == .warning)
    }
}

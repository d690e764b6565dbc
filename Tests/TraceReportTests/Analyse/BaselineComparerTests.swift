import Testing

@testable import TraceReport

@Suite("Before and after: pairing, the stage diff and its findings")
struct BaselineComparerTests {
    func trace(_ id: String, parent: String? = nil, question: String? = nil, _ stages: [StageInput], statuses: [String: String] = [:]) -> Trace {
        var t = Trace(traceID: id)
        t.parentTraceID = parent
        t.question = question
        t.stageInputs = stages
        t.stageOutputs = stages.map { StageOutput(stage: $0.stage, status: statuses[$0.stage ?? ""] ?? "ok", durationMS: 10) }
        return t
    }

    func baseline(_ t: Trace) -> BaselineTrace { BaselineTrace(analyse(t, source: "before.jsonl")) }

    @Test("pairing: same id first, then the parent's id, then the same question; the rest unpaired")
    func pairing() {
        var index = BaselineIndex()
        index.add(baseline(trace("a", question: "q-a", [])))
        index.add(baseline(trace("legacy-b", question: "q-b", [])))
        index.add(baseline(trace("c-old", question: "same question", [])))
        index.add(baseline(trace("lonely", question: "nobody asks", [])))
        #expect(index.pair(trace("a", question: "other", []))?.traceID == "a")
        #expect(index.pair(trace("scoped-b", parent: "legacy-b", question: "q-a", []))?.traceID == "legacy-b")
        #expect(index.pair(trace("c-new", question: "same question", []))?.traceID == "c-old")
        #expect(index.pair(trace("x", question: "unknown", [])) == nil)
        #expect(index.unpaired.map(\.traceID) == ["lonely"])
    }

    @Test("each asset key is added, removed, changed or unchanged; stages on one side only are kept")
    func diff() {
        let before = trace("t", [stage("execute", ["query:a": "a (v1)", "query:b": "b (v1)", "prompt": "p (v2)"]), stage("old_stage", [:])])
        let after = trace("t", [stage("execute", ["query:a": "a (v2)", "query:c": "c (v1)", "prompt": "p (v2)"]), stage("present", ["screen:s": "s (v1)"])])
        let comparison = BaselineComparer.compare(baseline: baseline(before), current: analyse(after).stages)
        #expect(comparison.stages.map(\.stage) == ["execute", "present", "old_stage"])
        let execute = comparison.stages[0]
        #expect(execute.assets.map(\.key) == ["prompt", "query:a", "query:b", "query:c"])
        #expect(execute.assets.map(\.change) == [.unchanged, .changed, .removed, .added])
        #expect(comparison.stages[1].before == nil && comparison.stages[1].keys(.added).count == 1)
        #expect(comparison.stages[2].after == nil)
    }

    @Test("findings: added (info), removed (warning), version changed (info), fallback introduced and status regressed (warnings)")
    func findings() {
        let before = trace("t", [stage("execute", ["query:a": "a (v1)", "query:b": "b (v1)", "mapping": "m (v3)"])])
        let after = trace("t", [stage("execute", ["query:a": "a (v2)", "query:c": "c (v1)", "mapping": "m (fallback)"])], statuses: ["execute": "warning"])
        let analysis = TraceAnalyser.analyse(LoadedTrace(trace: after, source: "after.jsonl"), baseline: baseline(before))
        let kinds = analysis.findings.map(\.kind)
        for kind in [FindingKind.assetAdded, .assetRemoved, .assetVersionChanged, .fallbackIntroduced, .stageStatusRegressed] {
            #expect(kinds.contains(kind), "\(kind.rawValue)")
        }
        #expect(analysis.findings.first { $0.kind == .assetVersionChanged }?.message == "query:a changed from a (v1) to a (v2) since baseline t")
        #expect(analysis.findings.first { $0.kind == .fallbackIntroduced }?.severity == .warning)
        #expect(analysis.comparison?.baselineID == "t")
    }

    @Test("no baseline, no comparison findings")
    func withoutBaseline() {
        let analysis = TraceAnalyser.analyse(LoadedTrace(trace: trace("t", [stage("execute", ["query:a": "a (v1)"])]), source: "x"), baseline: nil)
        #expect(analysis.comparison == nil && analysis.findings.isEmpty)
    }

    @Test("an expected asset kind no stage captured is an error")
    func expectedAssetMissing() {
        var t = trace("t", [stage("execute", ["query:a": "a (v1)"])])
        t.expectedAssets = ["query", "screen"]
        let findings = analyse(t).findings
        #expect(findings.map(\.kind) == [.expectedAssetMissing])
        #expect(findings.first?.asset == "screen" && findings.first?.severity == .error)
    }
}

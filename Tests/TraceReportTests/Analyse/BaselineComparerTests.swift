import Foundation
import Testing

@testable import TraceReport

@Suite("Before and after: pairing, the stage diff and its findings")
struct BaselineComparerTests {
    func trace(
        _ id: String, parent: String? = nil, question: String? = nil, _ stages: [StageInput],
        statuses: [String: String] = [:]
    ) -> Trace {
        var t = Trace(traceID: id)
        t.parentTraceID = parent
        t.question = question
        t.stageInputs = stages
        t.stageOutputs = stages.map {
            StageOutput(stage: $0.stage, status: statuses[$0.stage ?? ""] ?? "ok", durationMS: 10)
        }
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
        let pair = { (t: Trace) in index.pair(LoadedTrace(trace: t, source: "after.jsonl")) }
        #expect(
            pair(trace("a", question: "other", [])).map { [$0.baseline.traceID, $0.rule.rawValue] } == [
                "a", "trace_id",
            ])
        #expect(
            pair(trace("scoped-b", parent: "legacy-b", question: "q-a", [])).map {
                [$0.baseline.traceID, $0.rule.rawValue]
            } == ["legacy-b", "parent_trace_id"])
        #expect(
            pair(trace("c-new", question: "same question", [])).map { [$0.baseline.traceID, $0.rule.rawValue] } == [
                "c-old", "question",
            ])
        #expect(pair(trace("x", question: "unknown", [])) == nil)
        #expect(index.unpaired.map(\.traceID) == ["lonely"])
    }

    @Test(
        "real rows (no parent_trace_id): the latest trace with the same question recorded before it, never the trace itself"
    )
    func pairingByQuestionAndTime() {
        func at(_ id: String, _ minute: Int, question: String = "How is the payment cluster?") -> Trace {
            var t = trace(id, question: question, [])
            t.createdAt = String(format: "2026-11-20T10:%02d:00+00:00", minute)
            return t
        }
        var index = BaselineIndex()
        // One table on both sides, as `build db --baseline db` reads it.
        for t in [at("r1", 1), at("r2", 2), at("r3", 3), at("r4", 4)] {
            index.add(BaselineTrace(analyse(t, source: "db:\(t.traceID)")))
        }
        let lookup = { (t: Trace) in index.lookup(LoadedTrace(trace: t, source: "db:\(t.traceID)")) }
        #expect(
            lookup(at("r3", 3)) == BaselineIndex.Pairing(position: 1, rule: .question),
            "r2, the latest before r3; not r3 itself, not r4")
        #expect(lookup(at("r1", 1)) == nil, "nothing was asked before the first run")
        var midnight = at("r5", 0)
        midnight.createdAt = "2026-11-20 10:03:30.25+00"
        #expect(
            lookup(midnight) == BaselineIndex.Pairing(position: 2, rule: .question),
            "PostgreSQL's text form of created_at is read too")
        // Another export of the same request pairs by trace_id.
        #expect(
            index.lookup(LoadedTrace(trace: at("r2", 2), source: "export.json"))
                == BaselineIndex.Pairing(position: 1, rule: .traceID))
    }

    @Test("each asset key is added, removed, changed or unchanged; stages on one side only are kept")
    func diff() {
        let before = trace(
            "t",
            [
                stage("execute", ["query:a": "a (v1)", "query:b": "b (v1)", "prompt": "p (v2)"]),
                stage("old_stage", [:]),
            ])
        let after = trace(
            "t",
            [
                stage("execute", ["query:a": "a (v2)", "query:c": "c (v1)", "prompt": "p (v2)"]),
                stage("present", ["screen:s": "s (v1)"]),
            ])
        let comparison = BaselineComparer.compare(baseline: baseline(before), current: analyse(after).stages)
        #expect(comparison.stages.map(\.stage) == ["execute", "present", "old_stage"])
        let execute = comparison.stages[0]
        #expect(execute.assets.map(\.key) == ["prompt", "query:a", "query:b", "query:c"])
        #expect(execute.assets.map(\.change) == [.unchanged, .changed, .removed, .added])
        #expect(comparison.stages[1].before == nil && comparison.stages[1].keys(.added).count == 1)
        #expect(comparison.stages[2].after == nil)
    }

    @Test(
        "findings: added (info), removed (warning), version changed (info), fallback introduced and status regressed (warnings)"
    )
    func findings() {
        let before = trace("t", [stage("execute", ["query:a": "a (v1)", "query:b": "b (v1)", "mapping": "m (v3)"])])
        let after = trace(
            "t", [stage("execute", ["query:a": "a (v2)", "query:c": "c (v1)", "mapping": "m (fallback)"])],
            statuses: ["execute": "warning"])
        let analysis = TraceAnalyser.analyse(
            LoadedTrace(trace: after, source: "after.jsonl"), baseline: baseline(before))
        let kinds = analysis.findings.map(\.kind)
        for kind in [
            FindingKind.assetAdded, .assetRemoved, .assetVersionChanged, .fallbackIntroduced, .stageStatusRegressed,
        ] {
            #expect(kinds.contains(kind), "\(kind.rawValue)")
        }
        #expect(
            analysis.findings.first { $0.kind == .assetVersionChanged }?.message
                == "query:a changed from a (v1) to a (v2) since baseline t")
        #expect(analysis.findings.first { $0.kind == .fallbackIntroduced }?.severity == .warning)
        #expect(analysis.comparison?.baselineID == "t")
    }

    @Test("no baseline, no comparison findings")
    func withoutBaseline() {
        let analysis = TraceAnalyser.analyse(
            LoadedTrace(trace: trace("t", [stage("execute", ["query:a": "a (v1)"])]), source: "x"), baseline: nil)
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

@Suite("created_at as the inspector and PostgreSQL write it")
struct TraceTimeTests {
    @Test("ISO 8601 with Z, offsets, fractions, a space for the T; the same instant gives the same seconds")
    func forms() throws {
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-11-20T10:03:30Z")).timeIntervalSince1970
        for text in [
            "2026-11-20T10:03:30Z", "2026-11-20T10:03:30+00:00", "2026-11-20 10:03:30+00", "2026-11-20T19:03:30+09:00",
            "2026-11-20T05:33:30-0430", "2026-11-20T10:03:30.000000+00:00",
        ] {
            #expect(TraceTime.seconds(text) == instant, "\(text)")
        }
        #expect(TraceTime.seconds("2026-11-20T10:03:30.25Z") == instant + 0.25)
        #expect(TraceTime.seconds("1999-02-28T23:59:59Z") == 920_246_399)
        for bad in [
            "", "yesterday", "2026-11-20", "2026-13-01T00:00:00Z", "2026-11-20T10:03:30", "2026-11-20T10:03:30Zjunk",
        ] {
            #expect(TraceTime.seconds(bad) == nil, "\(bad)")
        }
    }
}

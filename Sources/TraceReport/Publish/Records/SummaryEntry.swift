/// One trace in `summary.json`: the stage assets exactly as recorded (raw
/// infos formatted, nothing cut) and the findings, for tools that read the report.
/// Written with `JSONTextWriter` (compact, keys sorted, no tree of values, unlike Foundation's JSONEncoder).
struct SummaryEntry: Sendable {
    struct Stage: Sendable {
        let stage: String
        let appliedAssets: [String: String]?
        let coverage: String

        func write(to w: inout JSONTextWriter) {
            w.object { w in
                w.key("applied_assets")
                if let appliedAssets { w.strings(appliedAssets) } else { w.string(nil) }
                w.key("coverage")
                w.string(coverage)
                w.key("stage")
                w.string(stage)
            }
        }
    }

    struct FindingEntry: Sendable {
        let kind: String
        let severity: String
        let stage: String?
        let asset: String?
        let message: String

        func write(to w: inout JSONTextWriter) {
            w.object { w in
                for (key, value) in [
                    ("asset", asset), ("kind", kind), ("message", message), ("severity", severity), ("stage", stage),
                ] {
                    w.key(key)
                    w.string(value)
                }
            }
        }
    }

    /// `"baseline"`: what changed against the paired baseline trace.
    struct BaselineEntry: Sendable {
        struct Stage: Sendable {
            let stage: String
            let added: [String: String]
            let removed: [String: String]
            let changed: [String: [String]]
            let status: [String?]
            let durationMS: [Double?]

            func write(to w: inout JSONTextWriter) {
                w.object { w in
                    w.key("added")
                    w.strings(added)
                    w.key("changed")
                    w.object { w in
                        for key in changed.keys.sorted() {
                            w.key(key)
                            w.array { w in for display in changed[key]! { w.string(display) } }
                        }
                    }
                    w.key("duration_ms")
                    w.array { w in for value in durationMS { w.double(value) } }
                    w.key("removed")
                    w.strings(removed)
                    w.key("stage")
                    w.string(stage)
                    w.key("status")
                    w.array { w in for value in status { w.string(value) } }
                }
            }
        }

        let traceID: String
        let source: String
        let pairedBy: String
        let stages: [Stage]

        func write(to w: inout JSONTextWriter) {
            w.object { w in
                w.key("paired_by")
                w.string(pairedBy)
                w.key("source")
                w.string(source)
                w.key("stages")
                w.array { w in for stage in stages { stage.write(to: &w) } }
                w.key("trace_id")
                w.string(traceID)
            }
        }

        init(_ comparison: TraceComparison) {
            traceID = comparison.baselineID
            source = comparison.baselineSource
            pairedBy = comparison.pairedBy.rawValue
            stages = comparison.stages.map { stage in
                func displays(_ change: StageComparison.Change, after: Bool) -> [String: String] {
                    Dictionary(
                        stage.keys(change).map { ($0.key, (after ? $0.after : $0.before)!.display) },
                        uniquingKeysWith: { _, last in last })
                }
                return Stage(
                    stage: stage.stage, added: displays(.added, after: true), removed: displays(.removed, after: false),
                    changed: Dictionary(
                        stage.keys(.changed).map { ($0.key, [$0.before!.display, $0.after!.display]) },
                        uniquingKeysWith: { _, last in last }),
                    status: [stage.before?.output?.status, stage.after?.output?.status],
                    durationMS: [stage.before?.output?.durationMS, stage.after?.output?.durationMS])
            }
        }
    }

    let traceID: String
    let parentTraceID: String?
    let source: String
    var page: String
    let question: String?
    let route: String?
    let status: String?
    let stages: [Stage]
    /// The trace ran no stage at all (a direct or reject answer, an `/ops/query` row).
    let ranNoStage: Bool
    /// The global `applied_assets` as the orchestrator keys and displays them: key → display.
    let globalAssets: [(key: String, display: String)]?
    let findings: [FindingEntry]
    let baseline: BaselineEntry?

    init(_ analysis: TraceAnalysis, page: String, comparing: Bool = false) {
        baseline = analysis.comparison.map(BaselineEntry.init)
        let trace = analysis.trace
        traceID = trace.traceID
        parentTraceID = trace.parentTraceID
        source = analysis.loaded.source
        self.page = page
        question = trace.question
        route = trace.route
        status = trace.status
        stages = analysis.stages.map { stage in
            Stage(
                stage: stage.name,
                appliedAssets: stage.coverage == .missing
                    ? nil
                    : Dictionary(stage.assets.map { ($0.key, $0.display) }, uniquingKeysWith: { _, last in last }),
                coverage: stage.coverage.rawValue)
        }
        ranNoStage = analysis.ranNoStage
        globalAssets = trace.appliedAssets == nil ? nil : analysis.global.map { ($0.entry.key, $0.entry.display) }
        findings = analysis.findings.map {
            FindingEntry(
                kind: $0.kind.rawValue, severity: $0.severity.rawValue, stage: $0.stage, asset: $0.asset,
                message: $0.message)
        }
    }

    /// The entry as `summary.json` holds it (compact, keys sorted); absent optional fields are `null`.
    var json: String {
        var w = JSONTextWriter()
        w.object { w in
            w.key("applied_assets")
            if let globalAssets {
                w.strings(Dictionary(globalAssets.map { ($0.key, $0.display) }, uniquingKeysWith: { _, last in last }))
            } else {
                w.string(nil)
            }
            w.key("baseline")
            if let baseline { baseline.write(to: &w) } else { w.string(nil) }
            w.key("findings")
            w.array { w in for finding in findings { finding.write(to: &w) } }
            for (key, value) in [("page", page), ("parent_trace_id", parentTraceID), ("question", question)] {
                w.key(key)
                w.string(value)
            }
            w.key("ran_no_stage")
            w.bool(ranNoStage)
            for (key, value) in [("route", route), ("source", source)] {
                w.key(key)
                w.string(value)
            }
            w.key("stages")
            w.array { w in for stage in stages { stage.write(to: &w) } }
            w.key("status")
            w.string(status)
            w.key("trace_id")
            w.string(traceID)
        }
        return w.text
    }
}

/// One trace in `summary.json`: the stage assets exactly as recorded (raw
/// infos formatted, nothing cut) and the findings, for tools that read the report.
/// Written as `JSONValue` (compact, keys sorted): Foundation's JSONEncoder took 15% of a build.
struct SummaryEntry: Sendable {
    struct Stage: Sendable {
        let stage: String
        let appliedAssets: [String: String]?
        let coverage: String

        var json: JSONValue {
            .object(["stage": .string(stage), "applied_assets": appliedAssets.map { .object($0.mapValues(JSONValue.string)) } ?? .null, "coverage": .string(coverage)])
        }
    }

    struct FindingEntry: Sendable {
        let kind: String
        let severity: String
        let stage: String?
        let asset: String?
        let message: String

        var json: JSONValue {
            .object([
                "kind": .string(kind), "severity": .string(severity), "stage": stage.map(JSONValue.string) ?? .null,
                "asset": asset.map(JSONValue.string) ?? .null, "message": .string(message),
            ])
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

            var json: JSONValue {
                .object([
                    "stage": .string(stage), "added": .object(added.mapValues(JSONValue.string)), "removed": .object(removed.mapValues(JSONValue.string)),
                    "changed": .object(changed.mapValues { .array($0.map(JSONValue.string)) }),
                    "status": .array(status.map { $0.map(JSONValue.string) ?? .null }), "duration_ms": .array(durationMS.map { $0.map(JSONValue.double) ?? .null }),
                ])
            }
        }

        let traceID: String
        let source: String
        let stages: [Stage]

        var json: JSONValue { .object(["trace_id": .string(traceID), "source": .string(source), "stages": .array(stages.map(\.json))]) }

        init(_ comparison: TraceComparison) {
            traceID = comparison.baselineID
            source = comparison.baselineSource
            stages = comparison.stages.map { stage in
                func displays(_ change: StageComparison.Change, after: Bool) -> [String: String] {
                    Dictionary(stage.keys(change).map { ($0.key, (after ? $0.after : $0.before)!.display) }, uniquingKeysWith: { _, last in last })
                }
                return Stage(
                    stage: stage.stage, added: displays(.added, after: true), removed: displays(.removed, after: false),
                    changed: Dictionary(stage.keys(.changed).map { ($0.key, [$0.before!.display, $0.after!.display]) }, uniquingKeysWith: { _, last in last }),
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
                appliedAssets: stage.coverage == .missing ? nil : Dictionary(stage.assets.map { ($0.key, $0.display) }, uniquingKeysWith: { _, last in last }),
                coverage: stage.coverage.rawValue)
        }
        findings = analysis.findings.map {
            FindingEntry(kind: $0.kind.rawValue, severity: $0.severity.rawValue, stage: $0.stage, asset: $0.asset, message: $0.message)
        }
    }

    /// The entry as `summary.json` holds it; absent optional fields are `null`.
    var json: JSONValue {
        let text = { (value: String?) in value.map(JSONValue.string) ?? .null }
        return .object([
            "trace_id": .string(traceID), "parent_trace_id": text(parentTraceID), "source": .string(source), "page": .string(page),
            "question": text(question), "route": text(route), "status": text(status), "stages": .array(stages.map(\.json)),
            "findings": .array(findings.map(\.json)), "baseline": baseline?.json ?? .null,
        ])
    }
}

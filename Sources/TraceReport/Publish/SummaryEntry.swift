/// One trace in `summary.json`: the stage assets exactly as recorded (raw
/// infos formatted, nothing cut) and the findings, for tools that read the report.
struct SummaryEntry: Encodable, Sendable {
    struct Stage: Encodable, Sendable {
        let stage: String
        let appliedAssets: [String: String]?
        let coverage: String

        enum CodingKeys: String, CodingKey { case stage, appliedAssets = "applied_assets", coverage }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(stage, forKey: .stage)
            try c.encode(appliedAssets, forKey: .appliedAssets)
            try c.encode(coverage, forKey: .coverage)
        }
    }

    struct FindingEntry: Encodable, Sendable {
        let kind: String
        let severity: String
        let stage: String?
        let asset: String?
        let message: String

        enum CodingKeys: String, CodingKey { case kind, severity, stage, asset, message }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(severity, forKey: .severity)
            try c.encode(stage, forKey: .stage)
            try c.encode(asset, forKey: .asset)
            try c.encode(message, forKey: .message)
        }
    }

    /// `"baseline"`: what changed against the paired baseline trace.
    struct BaselineEntry: Encodable, Sendable {
        struct Stage: Encodable, Sendable {
            let stage: String
            let added: [String: String]
            let removed: [String: String]
            let changed: [String: [String]]
            let status: [String?]
            let durationMS: [Double?]

            enum CodingKeys: String, CodingKey { case stage, added, removed, changed, status, durationMS = "duration_ms" }
        }

        let traceID: String
        let source: String
        let stages: [Stage]

        enum CodingKeys: String, CodingKey { case traceID = "trace_id", source, stages }

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

    enum CodingKeys: String, CodingKey {
        case traceID = "trace_id", parentTraceID = "parent_trace_id", source, page, question, route, status, stages, findings, baseline
    }

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

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(traceID, forKey: .traceID)
        try c.encode(parentTraceID, forKey: .parentTraceID)
        try c.encode(source, forKey: .source)
        try c.encode(page, forKey: .page)
        try c.encode(question, forKey: .question)
        try c.encode(route, forKey: .route)
        try c.encode(status, forKey: .status)
        try c.encode(stages, forKey: .stages)
        try c.encode(findings, forKey: .findings)
        try c.encode(baseline, forKey: .baseline)
    }
}

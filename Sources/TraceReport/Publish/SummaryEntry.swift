/// One trace in `summary.json`: the stage assets exactly as recorded (raw
/// infos formatted, nothing cut) and the findings, for tools that read the report.
struct SummaryEntry: Encodable {
    struct Stage: Encodable {
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

    struct FindingEntry: Encodable {
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

    let traceID: String
    let parentTraceID: String?
    let source: String
    let page: String
    let question: String?
    let route: String?
    let status: String?
    let stages: [Stage]
    let findings: [FindingEntry]

    enum CodingKeys: String, CodingKey {
        case traceID = "trace_id", parentTraceID = "parent_trace_id", source, page, question, route, status, stages, findings
    }

    init(_ analysis: TraceAnalysis, page: String) {
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
    }
}

/// The counts a build adds up as it goes: shown on the index, written to
/// `summary.json`, printed at the end of `build`.
public struct BuildTotals: Sendable, Equatable, Encodable {
    public var traces = 0
    public var stages = 0
    public var coverage: [String: Int] = Dictionary(uniqueKeysWithValues: StageCoverage.allCases.map { ($0.rawValue, 0) })
    public var findings: [String: Int] = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, 0) })
    public var findingKinds: [String: Int] = [:]
    public var inputErrors = 0
    public var tracesWithStageAssetsMissing = 0

    enum CodingKeys: String, CodingKey {
        case traces, stages, coverage, findings, findingKinds = "finding_kinds", inputErrors = "input_errors"
        case tracesWithStageAssetsMissing = "traces_with_stage_assets_missing"
    }

    /// Creates zero totals.
    public init() {}

    /// Adds one analysed trace.
    public mutating func add(_ analysis: TraceAnalysis) {
        traces += 1
        stages += analysis.stages.count
        for stage in analysis.stages { coverage[stage.coverage.rawValue, default: 0] += 1 }
        for finding in analysis.findings {
            findings[finding.severity.rawValue, default: 0] += 1
            findingKinds[finding.kind.rawValue, default: 0] += 1
        }
        if analysis.findings.contains(where: { $0.kind == .stageAssetsMissing }) { tracesWithStageAssetsMissing += 1 }
    }
}

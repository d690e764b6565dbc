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

    /// Adds one trace, from its index row.
    public mutating func add(_ row: IndexRow) {
        traces += 1
        stages += row.stages.count
        for stage in row.stages { coverage[stage.coverage.rawValue, default: 0] += 1 }
        findings[Severity.error.rawValue, default: 0] += row.errors
        findings[Severity.warning.rawValue, default: 0] += row.warnings
        findings[Severity.info.rawValue, default: 0] += row.infos
        for (kind, n) in row.findingKinds { findingKinds[kind, default: 0] += n }
        if row.stageAssetsMissing { tracesWithStageAssetsMissing += 1 }
    }
}

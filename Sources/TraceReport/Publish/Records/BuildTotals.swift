/// The counts a build adds up as it goes: shown on the index (its `tally`),
/// written to `summary.json`, printed at the end of `build`.
public struct BuildTotals: BatchAggregate, Sendable, Equatable, Encodable {
    /// Traces, stages by coverage, findings by severity, verdict counts.
    public var tally = IndexTally()
    /// Findings by kind.
    public var findingKinds: [String: Int] = [:]
    /// Inputs that could not be read.
    public var inputErrors = 0
    /// Traces with a finding of a kind `check` fails on by default; for the history.
    public var tracesFailing = 0
    /// Asset uses of all traces, those served from a fallback and those an override replaced; for the history.
    public var assetUses = 0
    public var fallbackUses = 0
    public var overrideUses = 0

    public var traces: Int { tally.traces }
    public var stages: Int { tally.stages }
    public var coverage: [String: Int] {
        ["captured": tally.captured, "empty": tally.empty, "missing": tally.missing, "inferred": tally.inferred]
    }
    /// Traces that ran no stage (direct and reject answers, `/ops/query` rows).
    public var tracesWithoutStages: Int { tally.noStages }
    public var findings: [String: Int] { ["error": tally.errors, "warning": tally.warnings, "info": tally.infos] }
    public var tracesWithStageAssetsMissing: Int { tally.broken }

    enum CodingKeys: String, CodingKey {
        case traces, stages, coverage, findings
        case findingKinds = "finding_kinds"
        case inputErrors = "input_errors"
        case tracesWithStageAssetsMissing = "traces_with_stage_assets_missing"
        case tracesWithoutStages = "traces_without_stages"
    }

    /// Creates zero totals.
    public init() {}

    /// Adds one trace.
    public mutating func add(_ row: TraceDigest) {
        tally.add(row)
        for (kind, n) in row.findingKinds { findingKinds[kind, default: 0] += n }
        if FindingKind.defaultFailOn.contains(where: { row.findingKinds[$0.rawValue, default: 0] > 0 }) {
            tracesFailing += 1
        }
        assetUses += row.assets.count
        for use in row.assets {
            if use.isFallback { fallbackUses += 1 }
            if use.isOverride { overrideUses += 1 }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(traces, forKey: .traces)
        try c.encode(stages, forKey: .stages)
        try c.encode(coverage, forKey: .coverage)
        try c.encode(findings, forKey: .findings)
        try c.encode(findingKinds, forKey: .findingKinds)
        try c.encode(inputErrors, forKey: .inputErrors)
        try c.encode(tracesWithStageAssetsMissing, forKey: .tracesWithStageAssetsMissing)
        try c.encode(tracesWithoutStages, forKey: .tracesWithoutStages)
    }
}

extension BuildTotals {
    /// Adds the traces `later` was built from, which come after every trace added so far
    /// (`AssetCatalog.merge`); input errors are the build's, not a run's, and are not merged.
    public mutating func merge(_ later: BuildTotals) {
        tally.merge(later.tally)
        findingKinds.merge(later.findingKinds, uniquingKeysWith: +)
        tracesFailing += later.tracesFailing
        assetUses += later.assetUses
        fallbackUses += later.fallbackUses
        overrideUses += later.overrideUses
    }
}

/// Everything the report says about one trace: stages, global assets, findings.
public struct TraceAnalysis: Sendable {
    /// The trace and where it was read from.
    public var loaded: LoadedTrace
    /// Stages in trace order.
    public var stages: [StageReport]
    /// The global assets and the stages that claim each.
    public var global: [GlobalAssetReconciliation]
    /// Findings, most severe first, then in stage order.
    public var findings: [Finding]
    /// Before and after, when the trace was paired with a baseline trace.
    public var comparison: TraceComparison?
    /// The trace ran no stage at all (a direct or reject answer, an `/ops/query` row): nothing could be missing.
    public var ranNoStage: Bool

    /// Creates an analysis.
    public init(
        loaded: LoadedTrace, stages: [StageReport], global: [GlobalAssetReconciliation], findings: [Finding],
        comparison: TraceComparison? = nil,
        ranNoStage: Bool = false
    ) {
        self.loaded = loaded
        self.ranNoStage = ranNoStage
        self.stages = stages
        self.global = global
        self.findings = findings
        self.comparison = comparison
    }

    /// The trace itself.
    public var trace: Trace { loaded.trace }

    /// How many assets the stages recorded in all.
    public var stageAssetCount: Int { stages.reduce(0) { $0 + $1.assets.count } }

    /// How many findings of a severity.
    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

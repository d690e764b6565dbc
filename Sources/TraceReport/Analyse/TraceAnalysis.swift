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

    /// The trace itself.
    public var trace: Trace { loaded.trace }

    /// How many assets the stages recorded in all.
    public var stageAssetCount: Int { stages.reduce(0) { $0 + $1.assets.count } }

    /// How many findings of a severity.
    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

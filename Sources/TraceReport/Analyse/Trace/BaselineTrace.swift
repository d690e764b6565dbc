/// What a before-and-after comparison keeps of a baseline trace: its stages'
/// assets, statuses and durations (parameters and outputs' details dropped).
public struct BaselineTrace: Sendable {
    public var traceID: String
    public var source: String
    public var question: String?
    /// `created_at` in seconds since 1970, when the trace carries a readable one.
    public var createdAt: Double?
    public var stages: [StageReport]
    /// The baseline showed the ordering bug (`stage-assets-missing`).
    public var stageAssetsMissing: Bool

    /// The baseline side of an analysed trace.
    public init(_ analysis: TraceAnalysis) {
        traceID = analysis.trace.traceID
        source = analysis.loaded.source
        question = analysis.trace.question
        createdAt = TraceTime.seconds(analysis.trace.createdAt)
        stageAssetsMissing = analysis.findings.contains { $0.kind == .stageAssetsMissing }
        stages = analysis.stages.map { stage in
            var output = stage.output
            output?.references = nil
            output?.emptyFlags = nil
            output?.counts = nil
            return StageReport(name: stage.name, coverage: stage.coverage, assets: stage.assets, output: output)
        }
    }
}

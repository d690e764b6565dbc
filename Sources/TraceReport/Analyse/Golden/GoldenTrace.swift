/// A trace a golden run names, as the golden section keeps it: what the judge reads,
/// and the stages' assets and coverage that it never sees.
public struct GoldenTrace: Sendable {
    public var traceID: String
    /// The trace's name in the batch (its page is `traces/<name>`); empty when it has no page.
    public var name: String
    public var judge: JudgeInputs
    public var stages: BaselineTrace
    /// The golden query a `rerun --golden` run answered, and when it ran.
    public var goldenQueryID: String?
    public var createdAt: String?

    /// The golden side of an analysed trace named `name` in the batch.
    public init(_ analysis: TraceAnalysis, name: String = "") {
        traceID = analysis.trace.traceID
        self.name = name
        judge = analysis.trace.judgeInputs
        stages = BaselineTrace(analysis)
        goldenQueryID = analysis.trace.goldenQueryID
        createdAt = analysis.trace.createdAt
    }
}

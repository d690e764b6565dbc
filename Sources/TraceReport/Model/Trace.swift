/// One request as the inspector recorded it: a row of `tb_execution_trace`.
public struct Trace: Sendable, Equatable {
    /// The trace's id; the only required field.
    public var traceID: String
    public var parentTraceID: String?
    public var feature: String?
    public var endpoint: String?
    public var method: String?
    public var opsMode: String?
    /// The user's question, shown as text.
    public var question: String?
    public var status: String?
    public var durationMS: Double?
    /// `request_payload.asset_overrides`: `"kind:name"` → the display that replaced it.
    public var assetOverrides: [String: String]
    /// `request_payload.expected_assets`: asset kinds the request should capture.
    public var expectedAssets: [String]
    /// The global `applied_assets`, or nil when absent.
    public var appliedAssets: GlobalAssets?
    public var assetVersions: [String]
    /// `fallbacks`: kind → whether it resolved from a fallback.
    public var fallbacks: [String: Bool]
    /// `orch` (`plan` in older rows), `direct`, `reject` or whatever the trace says.
    public var route: String?
    /// nil when the field is absent or `null`; empty when recorded empty.
    public var stageInputs: [StageInput]?
    public var stageOutputs: [StageOutput]?
    public var replanEvents: JSONValue?
    /// `created_at` as text (the inspector writes ISO-8601 strings).
    public var createdAt: String?
    /// Fields that had the wrong type: read as text or ignored, each reported as a warning.
    public var fieldIssues: [FieldIssue]
    /// What the real system's regression judge reads of the row (golden queries).
    public var judgeInputs = JudgeInputs(row: [:])
    /// The golden query a `tracereport rerun --golden` run answered (`golden_query_id`, added by the rerun).
    public var goldenQueryID: String?

    /// Creates a trace with only an id; set the rest as needed.
    public init(traceID: String) {
        self.traceID = traceID
        self.assetOverrides = [:]
        self.expectedAssets = []
        self.assetVersions = []
        self.fallbacks = [:]
        self.fieldIssues = []
    }
}

extension Trace {
    /// Routes whose answers run no stage at all: the planner answers directly, or refuses.
    public static let stagelessRoutes: Set<String> = ["direct", "reject"]

    /// The row says no stage ran: its stage inputs and outputs are recorded empty (`[]`, as the writer
    /// stores every direct, reject and `/ops/query` answer), or absent on a direct or reject route.
    /// A row without the stage columns at all, on another route, may predate them: not known to be stage-less.
    public var ranNoStage: Bool {
        guard stageInputs?.isEmpty ?? true, stageOutputs?.isEmpty ?? true else { return false }
        return stageInputs != nil || stageOutputs != nil || route.map(Self.stagelessRoutes.contains) == true
    }
}

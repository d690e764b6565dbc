/// The real system's golden-query tables, beside `tb_execution_trace`: the questions
/// (`tb_golden_query`), their pinned baselines (`tb_regression_baseline`) and the runs
/// that judged a candidate against a baseline (`tb_regression_run`). They are created by
/// the application's models, not by migrations, so an input may not have them.
public struct GoldenTables: Sendable, Equatable {
    /// A `tb_golden_query` row.
    public struct Query: Sendable, Equatable {
        public var id: String
        public var name: String
        public var queryText: String
        /// `all`, `config`, `history`, `metric`, `relation`, `graph` or `hist`.
        public var opsType: String
        /// `enabled` is the text `'true'` (or JSON true in an export).
        public var enabled: Bool
        public var createdAt: String?
    }

    /// A `tb_regression_baseline` row.
    public struct Baseline: Sendable, Equatable {
        public var id: String
        public var goldenQueryID: String
        public var baselineTraceID: String
        public var baselineStatus: String?
        /// Asset ids, as recorded.
        public var assetVersions: [JSONValue]
        public var createdBy: String?
        public var createdAt: String?
    }

    /// A `tb_regression_run` row.
    public struct Run: Sendable, Equatable {
        public var id: String
        public var goldenQueryID: String
        public var baselineID: String?
        public var candidateTraceID: String
        public var baselineTraceID: String
        /// `PASS`, `WARN` or `FAIL` as recorded (text kept when it is something else).
        public var judgment: String
        public var verdictReason: String?
        /// The ten scalar keys, as recorded.
        public var diffSummary: JSONValue
        public var triggeredBy: String?
        public var executionDurationMS: Double?
        public var createdAt: String?
    }

    public var queries: [Query] = []
    public var baselines: [Baseline] = []
    public var runs: [Run] = []

    /// Creates empty tables.
    public init() {}

    /// The trace ids the runs and baselines name: the traces the golden section reads.
    public var traceIDs: Set<String> {
        Set(runs.flatMap { [$0.candidateTraceID, $0.baselineTraceID] } + baselines.map(\.baselineTraceID))
    }
}

/// What `tracereport check` found: every finding as one line, and the exit status a CI
/// gate needs (3 when a finding of a failing kind exists, else 1 when some input could
/// not be read, else 0). Decided here, in Analyse; Render/Check only formats it.
public struct CheckResult: Sendable {
    /// One finding as every format of `check` reports it.
    public struct Entry: Sendable {
        /// The trace's source (`<file>:<line>`, `db:<id>`), the allow list's `<file>:<line>` for `allow-unused`, nil for a batch finding.
        public var source: String?
        /// nil for batch findings and allow-list lines.
        public var traceID: String?
        public var stage: String?
        /// A finding kind, or `allow-unused`.
        public var kind: String
        public var severity: Severity
        public var message: String
        /// The allow list's reason (or line) when it allowed the finding.
        public var allowedBy: String?
        /// Whether it fails the check.
        public var failing: Bool
        /// The text line: `<source>: <trace_id>: <stage>: <severity> <kind>: <message>`.
        public var line: String
        /// The position of its trace in `CheckResult.checked`, nil when it belongs to no trace.
        public var trace: Int?
        /// The position of its golden query in `CheckResult.golden`, nil when it belongs to none.
        public var golden: Int? = nil
    }

    /// A golden query that was checked (its latest run), in the order of the golden reports.
    public struct GoldenCase: Sendable {
        public var id: String
        public var name: String
    }

    /// A trace that was checked, in input order.
    public struct Checked: Sendable {
        public var source: String
        public var traceID: String
    }

    /// Every finding in the order found: the traces' in input order, then the batch's, then unused allow-list lines.
    public var entries: [Entry] = []
    /// The traces checked, in input order.
    public var checked: [Checked] = []
    /// The golden queries checked.
    public var golden: [GoldenCase] = []
    /// One line per finding: `<source>: <trace_id>: <stage>: <severity> <kind>: <message>`.
    public var lines: [String] { entries.map(\.line) }
    /// Inputs that could not be read.
    public var errors: [InputError] = []
    /// Traces read.
    public var traces = 0
    /// Findings of a failing kind (allowed ones not counted).
    public var failing = 0
    /// Findings an allow-list entry matched.
    public var allowed = 0
    /// The batch's assets, for `version-drift`, `asset-stale` and `asset-unpinned`.
    public var catalog = AssetCatalog()
    /// Allow-list lines that matched a finding.
    public var usedAllowLines: Set<Int> = []

    /// 3 when a failing finding exists, else 1 on input errors, else 0.
    public var exitStatus: Int32 { failing > 0 ? 3 : errors.isEmpty ? 0 : 1 }
}

/// Which rows of `tb_execution_trace` a database input reads: `--since`, `--until`,
/// `--feature`, `--status`, `--trace-id` and `--limit`, all optional.
public struct TraceSelection: Sendable, Equatable {
    /// `created_at >= since` (ISO 8601; a date alone is midnight UTC).
    public var since: String?
    /// `created_at < until`.
    public var until: String?
    public var feature: String?
    public var status: String?
    /// Only these ids, when not empty.
    public var traceIDs: [String]
    /// At most this many rows (the first in `created_at, trace_id` order).
    public var limit: Int?

    /// Creates a selection; no argument selects every row.
    public init(
        since: String? = nil, until: String? = nil, feature: String? = nil, status: String? = nil,
        traceIDs: [String] = [], limit: Int? = nil
    ) {
        self.since = since
        self.until = until
        self.feature = feature
        self.status = status
        self.traceIDs = traceIDs
        self.limit = limit
    }

    /// True for an ISO 8601 date (`2026-12-01`) or date-time (`2026-12-01T09:00:00Z`, `…+09:00`, fractions allowed).
    public static func isTimestamp(_ text: String) -> Bool {
        text.wholeMatch(of: /\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?/) != nil
    }
}

/// A database input: the rows a selection picks, or (for `--baseline`) the rows those rows were re-run from.
public struct DatabaseQuery: Sendable, Equatable {
    /// The rows to read.
    public enum Rows: Sendable, Equatable {
        /// The selected rows.
        case selected
        /// Each selected row's baseline: the row its `parent_trace_id` names, else the row that asked the
        /// same question last before it (real rows never name a parent).
        case parentsOfSelected
    }

    public var url: DatabaseURL
    public var selection: TraceSelection
    public var rows: Rows

    /// Creates a database input.
    public init(url: DatabaseURL, selection: TraceSelection = TraceSelection(), rows: Rows = .selected) {
        self.url = url
        self.selection = selection
        self.rows = rows
    }
}

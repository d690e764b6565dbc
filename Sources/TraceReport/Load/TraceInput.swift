import Foundation

/// Something to read traces from: a path on disk, or bytes the binary carries (the bundled sample).
public enum TraceInput: Sendable, Equatable {
    /// A `.json` or `.jsonl` file, or a folder read recursively for them.
    case path(String)
    /// In-memory content; `name` is shown as its source and decides JSON or JSONL by its ending.
    case bytes(name: String, data: Data)
    /// Rows of the inspector's `tb_execution_trace` in PostgreSQL; each row's source is `db:<trace_id>`.
    case database(DatabaseQuery)
}

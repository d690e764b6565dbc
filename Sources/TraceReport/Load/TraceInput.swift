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

extension TraceInput {
    /// In words for the history: `runs/scoped`, `db postgresql://u:***@host/db`, names joined by `, `;
    /// `… against <baseline>` when the build compares. Never a password.
    public static func describe(_ inputs: [TraceInput], baseline: [TraceInput] = []) -> String {
        func name(_ input: TraceInput) -> String {
            switch input {
            case .path(let path): path
            case .bytes(let name, _): name
            case .database(let query): "db " + query.url.description
            }
        }
        let current = inputs.map(name).joined(separator: ", ")
        return baseline.isEmpty ? current : current + " against " + baseline.map(name).joined(separator: ", ")
    }
}

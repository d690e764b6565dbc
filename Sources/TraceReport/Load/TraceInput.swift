import Foundation

/// Where traces come from. A new kind of input is one type conforming to this: the loader, the
/// flows and the history need nothing else.
public protocol TraceSource: Sendable {
    /// The input as messages and the history name it (never a password).
    var name: String { get }
    /// Hands each unit — a JSON document, a JSONL line, a row, or an input error — to `body`, in order.
    /// Throws only when the input cannot be read at all (a database): the units before it were handed on.
    func units(_ loader: TraceLoader, _ body: (LoadUnit) throws -> Void) throws
}

/// One input of a command: a source, with the spellings the commands use.
public struct TraceInput: Sendable {
    /// What is read.
    public var source: any TraceSource

    /// Wraps a source.
    public init(_ source: any TraceSource) { self.source = source }

    /// A `.json` or `.jsonl` file, or a folder read recursively for them.
    public static func path(_ path: String) -> TraceInput { TraceInput(FileSource(path: path)) }

    /// In-memory content; `name` is shown as its source and decides JSON or JSONL by its ending.
    public static func bytes(name: String, data: Data) -> TraceInput { TraceInput(BytesSource(name: name, data: data)) }

    /// Rows of the inspector's `tb_execution_trace` in PostgreSQL; each row's source is `db:<trace_id>`.
    public static func database(_ query: DatabaseQuery) -> TraceInput { TraceInput(DatabaseSource(query: query)) }

    /// The input as messages name it.
    public var name: String { source.name }

    /// In words for the history: `runs/scoped`, `db postgresql://u:***@host/db`, names joined by `, `;
    /// `… against <baseline>` when the build compares. Never a password.
    public static func describe(_ inputs: [TraceInput], baseline: [TraceInput] = []) -> String {
        let current = inputs.map(\.name).joined(separator: ", ")
        return baseline.isEmpty ? current : current + " against " + baseline.map(\.name).joined(separator: ", ")
    }
}

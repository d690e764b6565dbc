import Foundation

/// Where traces come from. A new kind of input is one type conforming to this: the loader, the
/// flows and the history need nothing else.
public protocol TraceSource: Sendable {
    /// The input as messages and the history name it (never a password).
    var name: String { get }
    /// Hands each unit — a JSON document, a JSONL line, a row, or an input error — to `body`, in order.
    /// Throws only when the input cannot be read at all (a database): the units before it were handed on.
    func units(_ loader: TraceLoader, _ body: (LoadUnit) throws -> Void) throws
    /// The golden-query tables the input holds, with the rows that could not be read.
    func goldenTables() -> GoldenRead
}

extension TraceSource {
    /// No golden tables: most inputs hold only traces.
    public func goldenTables() -> GoldenRead { GoldenRead() }
}

/// What an input holds of the golden-query tables.
public struct GoldenRead: Sendable {
    /// The tables; nil when the input holds none.
    public var tables: GoldenTables?
    /// Rows (or tables) that could not be read.
    public var errors: [InputError] = []
    /// Said once the traces are read, so that it never stands before an error: why there is no golden section.
    public var note: String?

    /// What an input read.
    public init(tables: GoldenTables? = nil, errors: [InputError] = [], note: String? = nil) {
        self.tables = tables
        self.errors = errors
        self.note = note
    }
}

/// One input of a command: a source, with the spellings the commands use.
public struct TraceInput: Sendable {
    /// What is read.
    public var source: any TraceSource

    /// Wraps a source.
    public init(_ source: any TraceSource) { self.source = source }

    /// The input as messages name it.
    public var name: String { source.name }

    /// In words for the history: `runs/scoped`, `db postgresql://u:***@host/db`, names joined by `, `;
    /// `… against <baseline>` when the build compares. Never a password.
    public static func describe(_ inputs: [TraceInput], baseline: [TraceInput] = []) -> String {
        let current = inputs.map(\.name).joined(separator: ", ")
        return baseline.isEmpty ? current : current + " against " + baseline.map(\.name).joined(separator: ", ")
    }
}

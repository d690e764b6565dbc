/// Rows of the inspector's `tb_execution_trace`, read in one read-only transaction through a cursor.
public struct DatabaseSource: TraceSource {
    public var query: DatabaseQuery

    /// Creates a database input.
    public init(query: DatabaseQuery) { self.query = query }

    public var name: String { "db " + query.url.description }

    public func units(_ loader: TraceLoader, _ body: (LoadUnit) throws -> Void) throws {
        try TraceTableReader(query: query).read(note: loader.notes, body)
    }
}

extension TraceInput {
    /// Rows of the inspector's `tb_execution_trace` in PostgreSQL; each row's source is `db:<trace_id>`.
    public static func database(_ query: DatabaseQuery) -> TraceInput { TraceInput(DatabaseSource(query: query)) }
}

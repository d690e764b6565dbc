/// Rows of the inspector's `tb_execution_trace`, read in one read-only transaction through a cursor.
public struct DatabaseSource: TraceSource {
    public var query: DatabaseQuery

    /// Creates a database input.
    public init(query: DatabaseQuery) { self.query = query }

    public var name: String { "db " + query.url.description }

    public func units(_ loader: TraceLoader, _ body: (LoadUnit) throws -> Void) throws {
        try TraceTableReader(query: query).read(note: loader.notes, body)
    }

    /// The rows, resuming from the last build's `watermark` when the rows before it did not change:
    /// then `resumed` is called before any row, and only newer rows reach `body`. Returns where the
    /// next build can resume (nil when this selection cannot: `--limit`, a table without `created_at`).
    public func units(
        _ loader: TraceLoader, resuming watermark: TableWatermark?, resumed: (TableWatermark) throws -> Void,
        _ body: (LoadUnit) throws -> Void
    ) throws -> TableWatermark? {
        try TraceTableReader(query: query).read(
            note: loader.notes, watermark: watermark, resumed: resumed, body)
    }

    /// The golden tables beside the trace table, when the database has them. A baseline selection
    /// (`--baseline db`) reads none: the golden section belongs to the inputs. A database that cannot be
    /// reached gives nothing here (reading its traces says why); another failure is an input error, and the
    /// traces are still reported.
    public func goldenTables() -> GoldenRead {
        guard query.rows == .selected else { return GoldenRead() }
        do {
            return try GoldenTableReader(url: query.url).read()
        } catch {
            return GoldenRead(errors: [InputError(source: error.url, reason: "golden tables: " + error.reason)])
        }
    }
}

extension TraceInput {
    /// Rows of the inspector's `tb_execution_trace` in PostgreSQL; each row's source is `db:<trace_id>`.
    public static func database(_ query: DatabaseQuery) -> TraceInput { TraceInput(DatabaseSource(query: query)) }
}

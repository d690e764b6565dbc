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
    /// A read `started` before (`startRead`) goes on in its session.
    public func units(
        _ loader: TraceLoader, resuming watermark: TableWatermark?, started: TableReadStart? = nil,
        resumed: (TableWatermark) throws -> Void, _ body: (LoadUnit) throws -> Void
    ) throws -> TableWatermark? {
        try TraceTableReader(query: query).read(
            note: loader.notes, watermark: watermark, started: started, resumed: resumed, body)
    }

    /// Begins the read of the rows ahead of the build: connected, and the rows before `watermark`'s cutoff
    /// counted when it is this selection's (`units(_:resuming:started:resumed:_:)` takes it).
    public func startRead(checking watermark: TableWatermark?) -> TableReadStart {
        let reader = TraceTableReader(query: query)
        return reader.start(checking: watermark?.selection == reader.selectionKey ? watermark?.cutoff : nil)
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

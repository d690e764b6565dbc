import Foundation
import NIOCore
import PostgresNIO

/// The golden-query tables beside `tb_execution_trace`, read in one read-only transaction. The
/// application's models create them, not its migrations, so a database may have none: then there
/// is no golden section, and a note says so.
struct GoldenTableReader {
    let url: DatabaseURL

    /// The tables the database has, with the rows that could not be read; none, with a note, when it has
    /// none of them, and none without a word when the server cannot be reached (reading the traces says why).
    func read() throws(DatabaseError) -> GoldenRead {
        let url = url
        guard let connection = try? TraceTableReader.connect(url).wait() else { return GoldenRead() }
        defer { _ = try? connection.close().wait() }
        let watch = TraceTableReader.ConnectionWatch(connection)
        func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), doing what: String)
            throws(DatabaseError) -> PostgresQueryResult
        {
            try step(what) {
                try watch.wait(
                    for: connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: TraceTableReader.logger))
            }
        }
        _ = try run(
            "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", doing: "cannot start a read-only transaction"
        )
        _ = try run("SET LOCAL TIME ZONE 'UTC'", doing: "cannot set the time zone")
        var tables = GoldenTables()
        var errors: [InputError] = []
        var found: [GoldenTablesReader.Table] = []
        for table in GoldenTablesReader.Table.allCases {
            let exists = try run(
                "SELECT to_regclass($1) IS NOT NULL", TraceTableReader.binds([table.rawValue]),
                doing: "cannot look for \(table.rawValue)"
            ).rows.first.flatMap { try? $0.decode(Bool.self) }
            guard exists == true else { continue }
            found.append(table)
            let rows = try run(
                "SELECT row_to_json(t)::text FROM \(TraceTableReader.quoted(table.rawValue)) t ORDER BY 1",
                doing: "cannot read \(table.rawValue)"
            ).rows.compactMap { try? $0.decode(String.self) }
            for (number, text) in rows.enumerated() {
                do throws(TraceFieldError) {
                    try GoldenTablesReader.add(JSONDocumentParser.parse(Data(text.utf8)), table: table, to: &tables)
                } catch {
                    errors.append(
                        InputError(
                            source: "db:\(table.rawValue):\(number + 1)", path: error.path, reason: error.reason))
                }
            }
        }
        _ = try run("COMMIT", doing: "cannot finish the read")
        guard !found.isEmpty else {
            return GoldenRead(
                note:
                    "note: \(url): no golden-query tables (\(GoldenTablesReader.Table.allCases.map(\.rawValue).joined(separator: ", "))): no golden section"
            )
        }
        return GoldenRead(tables: tables, errors: errors)
    }

    private func step<T>(_ what: String, _ body: () throws -> T) throws(DatabaseError) -> T {
        do { return try body() } catch { throw DatabaseErrorDescriber.describe(error, url: url, doing: what) }
    }
}

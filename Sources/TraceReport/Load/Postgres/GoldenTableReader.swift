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
        guard let session = try? ReadOnlySession(url: url) else { return GoldenRead() }
        defer { session.close() }
        var tables = GoldenTables()
        var errors: [InputError] = []
        var found: [GoldenTablesReader.Table] = []
        for table in GoldenTablesReader.Table.allCases {
            let exists = try session.run(
                "SELECT to_regclass($1) IS NOT NULL", TraceTableReader.binds([table.rawValue]),
                doing: "cannot look for \(table.rawValue)"
            ).rows.first.flatMap { try? $0.decode(Bool.self) }
            guard exists == true else { continue }
            found.append(table)
            let rows = try session.run(
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
        _ = try session.run("COMMIT", doing: "cannot finish the read")
        guard !found.isEmpty else {
            return GoldenRead(
                note:
                    "note: \(url): no golden-query tables (\(GoldenTablesReader.Table.allCases.map(\.rawValue).joined(separator: ", "))): no golden section"
            )
        }
        return GoldenRead(tables: tables, errors: errors)
    }
}

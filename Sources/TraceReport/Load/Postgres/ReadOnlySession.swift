import NIOCore
import PostgresNIO

/// One connection in one read-only transaction (repeatable read, times in UTC), as every read of
/// the inspector's tables uses it; a failure is a `DatabaseError` saying what was being done.
final class ReadOnlySession {
    let url: DatabaseURL
    private let connection: PostgresConnection
    private let watch: TraceTableReader.ConnectionWatch

    /// Connects and begins the transaction.
    init(url: DatabaseURL) throws(DatabaseError) {
        self.url = url
        connection = try Self.step(url, "cannot connect") { try TraceTableReader.connect(url).wait() }
        watch = TraceTableReader.ConnectionWatch(connection)
        do {
            _ = try run(
                "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY",
                doing: "cannot start a read-only transaction")
            _ = try run("SET LOCAL TIME ZONE 'UTC'", doing: "cannot set the time zone")
        } catch {
            close()
            throw error
        }
    }

    /// Sends a statement without waiting for it (a cursor's next batch while this one is built).
    func send(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) -> EventLoopFuture<PostgresQueryResult> {
        connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: TraceTableReader.logger)
    }

    /// Waits for a statement sent before; `what` names it in the error.
    func wait(for future: EventLoopFuture<PostgresQueryResult>, doing what: String) throws(DatabaseError)
        -> PostgresQueryResult
    {
        try Self.step(url, what) { try watch.wait(for: future) }
    }

    /// Runs a statement and waits for its rows.
    func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), doing what: String)
        throws(DatabaseError) -> PostgresQueryResult
    {
        try wait(for: send(sql, binds), doing: what)
    }

    /// Ends the transaction (nothing was written) and the connection.
    func close() { _ = try? connection.close().wait() }

    private static func step<T>(_ url: DatabaseURL, _ what: String, _ body: () throws -> T) throws(DatabaseError) -> T {
        do { return try body() } catch { throw DatabaseErrorDescriber.describe(error, url: url, doing: what) }
    }
}

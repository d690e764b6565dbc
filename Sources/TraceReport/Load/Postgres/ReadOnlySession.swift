import NIOCore
import PostgresNIO

/// One connection in one read-only transaction (repeatable read, times in UTC), as every read of
/// the inspector's tables uses it; a failure is a `DatabaseError` saying what was being done.
/// Connecting and every answer the server owes wait at most `url.timeout` (`--db-timeout`).
final class ReadOnlySession {
    let url: DatabaseURL
    private let connection: PostgresConnection
    private let watch: TraceTableReader.ConnectionWatch

    /// Connects and begins the transaction.
    init(url: DatabaseURL) throws(DatabaseError) {
        self.url = url
        let connecting = try TraceTableReader.connect(url)
        connection = try Self.step(url, "cannot connect") { try Self.waitForConnection(connecting, url: url) }
        watch = TraceTableReader.ConnectionWatch(connection)
        // Read before the transaction, where a failure costs nothing: named if a statement timeout cancels the read.
        let timeoutSetting = try? run("SHOW statement_timeout", doing: "").rows.first?.decode(String.self)
        do {
            _ = try run(
                "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY",
                doing: "cannot start a read-only transaction")
            _ = try run("SET LOCAL TIME ZONE 'UTC'", doing: "cannot set the time zone")
        } catch {
            close()
            throw error
        }
        self.timeoutSetting = timeoutSetting
    }

    /// The role's `statement_timeout`, as the server showed it when the session began.
    private(set) var timeoutSetting: String?

    /// Waits for the connection (TCP, TLS and the startup exchange) at most `url.timeout`; a connection
    /// that comes later is closed.
    private static func waitForConnection(_ future: EventLoopFuture<PostgresConnection>, url: DatabaseURL) throws
        -> PostgresConnection
    {
        let promise = future.eventLoop.makePromise(of: PostgresConnection.self)
        future.cascade(to: promise)
        let deadline = future.eventLoop.scheduleTask(in: .nanoseconds(Int64(url.timeout / .nanoseconds(1)))) {
            promise.fail(TraceTableReader.NoAnswer(timeout: url.timeout))
            future.whenSuccess { let _: EventLoopFuture<Void> = $0.close() }
        }
        defer { deadline.cancel() }
        return try promise.futureResult.wait()
    }

    /// Sends a statement without waiting for it (a cursor's next batch while this one is built).
    func send(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) -> EventLoopFuture<PostgresQueryResult> {
        connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: TraceTableReader.logger)
    }

    /// Waits for a statement sent before; `what` names it in the error.
    func wait(for future: EventLoopFuture<PostgresQueryResult>, doing what: String) throws(DatabaseError)
        -> PostgresQueryResult
    {
        do { return try watch.wait(for: future, timeout: url.timeout) } catch {
            throw DatabaseErrorDescriber.describe(error, url: url, doing: what, statementTimeout: timeoutSetting)
        }
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

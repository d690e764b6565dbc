import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// How the reader waits for the server: never longer than `--db-timeout`, and never past a closed connection.
extension TraceTableReader {
    /// Waits for queries on one connection, and fails the one waited for as soon as the connection closes:
    /// a query written just after the server ended the connection was seen to wait for ever (postgres-nio 1.33),
    /// where a user needs "connection lost" at once. One close callback per connection, holding only the promise
    /// being waited for: a callback per query kept every fetched batch alive until the connection closed (429 MB
    /// for 100,000 rows).
    final class ConnectionWatch: Sendable {
        private let waiting = NIOLockedValueBox<EventLoopPromise<PostgresQueryResult>?>(nil)
        private let connection: PostgresConnection

        /// How long a closed connection's waiting query may still fail for its own reason: a statement the
        /// server cancelled (`statement_timeout`) can be failed just after the connection is seen closed, and
        /// "cancelled by statement_timeout" tells a user what to do where "connection closed" does not
        /// (seen under load, when the query was waited for before its error arrived; 250 ms was not enough
        /// once in a full CI run on 2 busy cores). A connection really lost is said 2 s later.
        static let grace = TimeAmount.seconds(2)

        init(_ connection: PostgresConnection) {
            self.connection = connection
            connection.closeFuture.whenComplete { [waiting, connection] _ in
                connection.eventLoop.scheduleTask(in: Self.grace) {
                    waiting.withLockedValue { $0?.fail(ConnectionClosed()) }
                }
            }
        }

        /// Waits for `future`, failing with `NoAnswer` once `timeout` has passed without an answer.
        func wait(for future: EventLoopFuture<PostgresQueryResult>, timeout: Duration) throws -> PostgresQueryResult {
            let promise = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
            future.cascade(to: promise)
            waiting.withLockedValue { $0 = promise }
            if connection.isClosed {  // closed before it was watched
                connection.eventLoop.scheduleTask(in: Self.grace) { promise.fail(ConnectionClosed()) }
            }
            let deadline = connection.eventLoop.scheduleTask(in: .nanoseconds(Int64(timeout / .nanoseconds(1)))) {
                promise.fail(NoAnswer(timeout: timeout))
            }
            defer {
                deadline.cancel()
                waiting.withLockedValue { $0 = nil }
            }
            return try promise.futureResult.wait()
        }
    }

    /// The connection closed while a query waited for its answer.
    struct ConnectionClosed: Error {}

    /// The server did not answer within the timeout (`--db-timeout`).
    struct NoAnswer: Error {
        let timeout: Duration
    }
}

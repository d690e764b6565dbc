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

        init(_ connection: PostgresConnection) {
            self.connection = connection
            connection.closeFuture.whenComplete { [waiting] _ in
                waiting.withLockedValue { $0?.fail(ConnectionClosed()) }
            }
        }

        /// Waits for `future`, failing with `NoAnswer` once `timeout` has passed without an answer.
        func wait(for future: EventLoopFuture<PostgresQueryResult>, timeout: Duration) throws -> PostgresQueryResult {
            let promise = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
            future.cascade(to: promise)
            waiting.withLockedValue { $0 = promise }
            if connection.isClosed { promise.fail(ConnectionClosed()) }  // closed before it was watched
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

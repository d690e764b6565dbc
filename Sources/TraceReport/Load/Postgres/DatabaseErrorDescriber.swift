import Foundation
import NIOCore
import NIOPosix
import PostgresNIO

/// Turns what postgres-nio and NIO throw into one line a user can act on:
/// the server's SQLSTATE where it sent one, the socket's errno where it did not.
enum DatabaseErrorDescriber {
    /// `statementTimeout` is the role's setting, named when a statement timeout cancels the read.
    static func describe(_ error: any Error, url: DatabaseURL, doing what: String, statementTimeout: String? = nil)
        -> DatabaseError
    {
        DatabaseError(
            url: url.description, reason: reason(error, url: url, doing: what, statementTimeout: statementTimeout))
    }

    static func reason(_ error: any Error, url: DatabaseURL, doing what: String, statementTimeout: String? = nil)
        -> String
    {
        let table = TraceTableReader.table
        if error is TraceTableReader.ConnectionClosed {
            return "\(what): the server closed the connection; nothing was published: run the command again"
        }
        if let error = error as? TraceTableReader.NoAnswer {
            let seconds = error.timeout.secondsText
            return Self.noAnswer(what, place: "\(url.host):\(url.port)", seconds: seconds)
        }
        if let tls = TLSFailure.reason(error, url: url) { return tls }
        if let error = error as? PSQLError {
            switch error.code {
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                let message = error.serverInfo?[.message] ?? "the server refused"
                switch state {
                case "28000" where message.contains("no encryption"):
                    return
                        "the server refused the connection without TLS (its pg_hba.conf allows user \(url.user) only over TLS): ask for TLS with sslmode=require in the URL (or verify-full with sslrootcert=FILE to check the server too)"
                case "28000" where message.contains("certificate"):
                    return
                        "the server wants a valid client certificate for user \(url.user) (\(message)): pass sslcert=FILE&sslkey=FILE in the URL, a certificate whose name is the user"
                case "28P01", "28000":
                    return
                        "authentication failed for user \(url.user): check the user and password in the URL (or in \(DatabaseURL.environmentVariable))"
                case "57014" where message.contains("statement timeout"):
                    let value = statementTimeout.map { " (\($0))" } ?? ""
                    return
                        "\(what): the server's statement_timeout\(value) cancelled the read; nothing was published: raise it for user \(url.user) (ALTER ROLE \(url.user) SET statement_timeout = '10min'), or read fewer rows with --since, --until or --limit"
                case "3D000":
                    return
                        "database \(url.database) does not exist on \(url.host):\(url.port): check the database name in the URL"
                case "42P01":
                    return
                        "table \(table) does not exist in database \(url.database): point the URL at the inspector's database (its migration 0027 creates the table)"
                case "42501":
                    return "permission denied for table \(table): grant SELECT on it to \(url.user) (\(message))"
                case "57P01", "57P02", "57P03":
                    return
                        "\(what): the server ended the connection (\(message)); nothing was published: run the command again"
                default:
                    return "\(what): \(message) (SQLSTATE \(state))"
                }
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return "\(what): the server closed the connection; nothing was published: run the command again"
            case .connectionError:
                return connectionReason(error.underlying ?? error, url: url, doing: what)
            case .unsupportedAuthMechanism, .authMechanismRequiresPassword:
                return
                    "authentication failed for user \(url.user): the server asks for a password (or a method tracereport does not speak): put the password in the URL"
            default:
                return "\(what): \(error.code)"
            }
        }
        return connectionReason(error, url: url, doing: what)
    }

    /// Socket-level failures: refused, unreachable, timed out, name not found.
    static func connectionReason(_ error: any Error, url: DatabaseURL, doing what: String) -> String {
        let place = "\(url.host):\(url.port)"
        if let io = error as? IOError {
            return
                "\(what) to \(place): \(String(cString: strerror(io.errnoCode)).lowercased()): check the host and port, and that the server is running"
        }
        if let connect = error as? NIOConnectionError {
            if let first = connect.connectionErrors.first {
                return connectionReason(first.error, url: url, doing: what)
            }
            return "\(what) to \(place): the host name did not resolve: check the host in the URL"
        }
        if case ChannelError.connectTimeout(let amount) = error {
            return noAnswer(what, place: place, seconds: Duration.nanoseconds(amount.nanoseconds).secondsText)
        }
        return "\(what) to \(place): \(error)"
    }

    /// The server did not answer within `--db-timeout`, whether the connection or a later answer timed out.
    static func noAnswer(_ what: String, place: String, seconds: String) -> String {
        "\(what): no answer from \(place) within \(seconds) s: check the host and port, and that a PostgreSQL server answers there, or give it longer with --db-timeout"
    }
}

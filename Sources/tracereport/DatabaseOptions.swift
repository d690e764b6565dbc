import ArgumentParser
import Foundation
import TraceReport

/// Which rows a database input reads: `--since`, `--until`, `--feature`, `--status`, `--trace-id`, `--limit`.
struct DatabaseOptions: ParsableArguments {
    @Option(
        help: "Database inputs: rows with created_at at or after this ISO 8601 time (2026-12-01, 2026-12-01T09:00:00Z)."
    )
    var since: String?

    @Option(help: "Database inputs: rows with created_at before this ISO 8601 time.")
    var until: String?

    @Option(help: "Database inputs: rows of this feature only.")
    var feature: String?

    @Option(help: "Database inputs: rows with this status only (success, error, ...).")
    var status: String?

    @Option(name: .customLong("trace-id"), help: "Database inputs: only this trace (repeat for several).")
    var traceIDs: [String] = []

    @Option(help: "Database inputs: at most this many rows, the first by created_at, trace_id.")
    var limit: Int?

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, !TraceSelection.isTimestamp(value) {
                throw ValidationError(
                    "\(flag) \(value): not an ISO 8601 time: write 2026-12-01 or 2026-12-01T09:00:00Z")
            }
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    var selection: TraceSelection {
        TraceSelection(since: since, until: until, feature: feature, status: status, traceIDs: traceIDs, limit: limit)
    }

    /// The flags given, for the error when no input is a database.
    var given: [String] {
        [
            ("--since", since != nil), ("--until", until != nil), ("--feature", feature != nil),
            ("--status", status != nil),
            ("--trace-id", !traceIDs.isEmpty), ("--limit", limit != nil),
        ].filter(\.1).map(\.0)
    }
}

/// What an INPUT names: a file or folder, a PostgreSQL URL, or `db` for `$TRACEREPORT_DATABASE_URL`.
enum InputName {
    case path(String)
    case database(DatabaseURL)

    /// Reads an INPUT; a name that cannot be used is a usage error (exit 2).
    static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ReportError) -> InputName
    {
        if text == "db" {
            guard let value = environment[DatabaseURL.environmentVariable], !value.isEmpty else {
                throw ReportError.usage(
                    "db",
                    "\(DatabaseURL.environmentVariable) is not set: set it to postgresql://user[:password]@host[:port]/database, or pass the URL itself"
                )
            }
            return .database(try url(value))
        }
        return DatabaseURL.looksLikeURL(text) ? .database(try url(text)) : .path(text)
    }

    private static func url(_ text: String) throws(ReportError) -> DatabaseURL {
        do {
            var url = try DatabaseURL(text)
            url.timeout = ConnectionOptions.timeout
            return url
        } catch { throw ReportError.usage(error.url, error.reason) }
    }

    /// `parse` for `validate()`: the same message as a usage error of the argument parser.
    static func validated(_ text: String) throws -> InputName {
        do { return try parse(text) } catch { throw ValidationError(error.errorDescription ?? error.reason) }
    }

    var isDatabase: Bool {
        if case .database = self { true } else { false }
    }

    /// The input to read; `rows` says whether a database input reads the selected rows or their parents.
    func input(_ selection: TraceSelection, rows: DatabaseQuery.Rows = .selected) -> TraceInput {
        switch self {
        case .path(let path): .path(path)
        case .database(let url): .database(DatabaseQuery(url: url, selection: selection, rows: rows))
        }
    }
}

/// `--db-timeout`: how long connecting to a database, and each answer it owes, may take.
struct ConnectionOptions: ParsableArguments {
    @Option(
        help:
            "Seconds to wait for a database (postgresql:// or db) to connect, and for each batch of rows it owes, before exiting 1."
    )
    var dbTimeout: Double = Double(DatabaseURL.defaultTimeout.components.seconds)

    /// The timeout of every database URL this run reads (inputs, baseline, --registry, --golden); set
    /// while the command line is validated, before any URL is read.
    nonisolated(unsafe) static var timeout = DatabaseURL.defaultTimeout

    func validate() throws {
        guard dbTimeout > 0, dbTimeout <= 86_400 else {
            throw ValidationError("--db-timeout \(dbTimeout): give a number of seconds above 0 (at most 86400)")
        }
        Self.timeout = .milliseconds(Int64((dbTimeout * 1000).rounded()))
    }
}

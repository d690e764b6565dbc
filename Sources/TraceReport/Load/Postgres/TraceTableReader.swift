import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Reads rows of the inspector's `tb_execution_trace` as trace documents, in one
/// read-only transaction, through a cursor fetched a batch at a time: memory holds
/// one batch whatever the row count, and the next batch is asked for only when the
/// build has taken the last one (back-pressure without a second thread).
///
/// The server builds each row's document (`json_build_object` of the columns the
/// report reads), so JSONB arrives as text and goes through the same parser as files.
/// Synchronous on purpose: the build is synchronous and runs on its own threads;
/// NIO futures are waited for from this thread, never from an event loop.
struct TraceTableReader {
    /// The table as the inspector's migration 0027 creates it.
    static let table = "tb_execution_trace"
    /// The columns the report reads (never `SELECT *`), and the migration that added each.
    static let columns: [(name: String, migration: String)] = [
        ("trace_id", "0027"), ("parent_trace_id", "0027"), ("feature", "0027"), ("endpoint", "0027"),
        ("method", "0027"),
        ("ops_mode", "0027"), ("question", "0027"), ("status", "0027"), ("duration_ms", "0027"),
        ("request_payload", "0027"),
        ("applied_assets", "0027"), ("asset_versions", "0027"), ("fallbacks", "0027"), ("route", "0038"),
        ("stage_inputs", "0038"),
        ("stage_outputs", "0038"), ("replan_events", "0038"), ("created_at", "0027"),
        // What the golden queries' judge compares (`JudgeInputs`).
        ("plan_validated", "0027"), ("execution_steps", "0027"), ("references", "0027"), ("answer", "0027"),
        ("ui_render", "0027"),
    ]
    /// Rows per `FETCH`: half a batch of the build's parallel step. The rows are slices of the connection's
    /// receive buffer, which holds about one answer: 500 rows a fetch held 33 MB of it (heaptrack, 300,000 rows).
    static let fetchSize = 128
    /// The cursor's name, and the `application_name` a DBA sees in `pg_stat_activity`.
    static let cursor = "tracereport_rows"
    static let applicationName = "tracereport"

    let query: DatabaseQuery

    /// Reads every selected row into `body` as a `LoadUnit.line` whose source is `db:<trace_id>`.
    /// `note` hears once about columns the table lacks. Database failures throw `DatabaseError`;
    /// errors `body` throws pass through unchanged.
    ///
    /// With the last build's `watermark`, when the rows before its cutoff are still those it read,
    /// `resumed` is called first (the caller takes those rows from elsewhere) and only rows from the
    /// cutoff on are read. Returns where the next read can resume (nil when the selection cannot resume:
    /// `--limit`, or a table without `created_at`), all in the read's one snapshot. A read `started`
    /// before (`start(checking:)`) goes on in that session and snapshot.
    @discardableResult
    func read(
        note: (String) -> Void, watermark: TableWatermark? = nil, started: TableReadStart? = nil,
        resumed: (TableWatermark) throws -> Void = { _ in }, _ body: (LoadUnit) throws -> Void
    ) throws -> TableWatermark? {
        let url = query.url
        // A read begun before goes on in its session, and its count is of the same snapshot.
        let begun = try started?.take()
        let opened = try begun ?? open()
        let session = opened.session
        defer { session.close() }
        if !opened.missing.isEmpty {
            let names = opened.missing.map { "\($0.name) (\($0.migration))" }.joined(separator: ", ")
            note(
                "note: \(url): \(Self.table) has no column \(names): read as absent (the inspector's later migrations add them)"
            )
        }
        let present = opened.present
        let resumable = canResume(present)
        var from: String?
        let checking = resumable && watermark?.selection == selectionKey ? watermark : nil
        // Counted when the read began, if in this session and before the cutoff this read checks.
        let counted =
            begun == nil ? nil : started?.checked.flatMap { $0.cutoff == checking?.cutoff ? $0.watermarks : nil }
        let (now, resumeAt) =
            resumable
            ? try counted ?? Self.watermarks(session, query, checking: checking?.cutoff, selection: selectionKey)
            : (nil, nil)
        if let watermark = checking {
            if now == watermark {
                try resumed(watermark)
                from = watermark.cutoff
            } else {
                note(
                    "note: \(url): rows created before \(watermark.cutoff) changed since the last build (\(watermark.count) then, \(now.map { String($0.count) } ?? "an unreadable count") now, or updated): every row is read again"
                )
            }
        }
        let (sql, binds) = Self.cursorSQL(
            query, columns: Self.columns.map(\.name).filter(present.contains), from: from)
        _ = try session.run(sql, binds, doing: "cannot read \(Self.table)")
        var rowsRead = 0
        let fetch = "FETCH FORWARD \(Self.fetchSize) FROM \(Self.cursor)"
        var next = session.send(fetch)
        while true {
            let rows = try session.wait(for: next, doing: "connection lost after \(rowsRead) rows")
            let more = rows.rows.count == Self.fetchSize
            // The next batch is on its way while this one is built: the server's work overlaps ours, one batch ahead at most.
            if more { next = session.send(fetch) }
            for (position, row) in rows.rows.enumerated() {
                guard let (id, document) = try? row.decode((String?, String).self) else { continue }
                guard let id else {
                    // A row without an id cannot be named by it: by its position and time instead.
                    var created: String?
                    if case .object(let fields)? = try? JSONDocumentParser.parse(Data(document.utf8)) {
                        created = fields["created_at"].map(\.text)
                    }
                    try body(
                        .failure(
                            InputError(
                                source: "db:row \(rowsRead + position + 1)",
                                reason:
                                    "trace_id is NULL (created_at \(created ?? "unknown")): every trace needs a trace_id; the row is left out"
                            )))
                    continue
                }
                try body(.line(source: "db:\(id)", bytes: Data(document.utf8)))
            }
            rowsRead += rows.rows.count
            if !more { break }
        }
        _ = try session.run("COMMIT", doing: "connection lost after \(rowsRead) rows")
        return resumeAt
    }

    /// The selection's conditions, their values appended to `binds`.
    static func conditions(_ s: TraceSelection, binds: inout PostgresBindings) -> [String] {
        var conditions: [String] = []
        func bind(_ value: some PostgresNonThrowingEncodable & Sendable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let since = s.since { conditions.append("created_at >= \(bind(since))::timestamptz") }
        if let until = s.until { conditions.append("created_at < \(bind(until))::timestamptz") }
        if let feature = s.feature { conditions.append("feature = \(bind(feature))") }
        if let status = s.status { conditions.append("status = \(bind(status))") }
        if !s.traceIDs.isEmpty { conditions.append("trace_id = ANY(\(bind(s.traceIDs))::text[])") }
        return conditions
    }

    /// The `DECLARE … CURSOR` for the query's rows, in `created_at, trace_id` order, and its bind values;
    /// `from` a watermark's cutoff, only rows created from it on (and rows without `created_at`).
    static func cursorSQL(_ query: DatabaseQuery, columns: [String], from: String? = nil) -> (
        String, PostgresBindings
    ) {
        var binds = PostgresBindings()
        var conditions = Self.conditions(query.selection, binds: &binds)
        let s = query.selection
        func bind(_ value: some PostgresNonThrowingEncodable & Sendable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let from { conditions.append("(created_at >= \(bind(from))::timestamptz OR created_at IS NULL)") }
        let order = columns.contains("created_at") ? "created_at, trace_id" : "trace_id"
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let limit = s.limit.map { " LIMIT \(bind($0))" } ?? ""
        let document =
            "trace_id, json_build_object(" + columns.map { "'\($0)', \(quoted($0))" }.joined(separator: ", ")
            + ")::text"
        let sql: String
        switch query.rows {
        case .selected:
            sql =
                "DECLARE \(cursor) NO SCROLL CURSOR FOR SELECT \(document) FROM \(table)\(filter) ORDER BY \(order)\(limit)"
        case .parentsOfSelected:
            // Each selected row's baseline: its parent when it names one; else the row asked the same question
            // just before it (one window over the table: no per-row search, whatever the table's size).
            var baselines = ["SELECT parent_trace_id FROM selected WHERE parent_trace_id IS NOT NULL"]
            var selected = "trace_id, parent_trace_id"
            var previous = ""
            if columns.contains("question") && columns.contains("created_at") {
                selected += ", question"
                previous =
                    ", previous AS (SELECT trace_id, lag(trace_id) OVER (PARTITION BY question ORDER BY created_at, trace_id) AS before "
                    + "FROM \(table) WHERE question IS NOT NULL AND created_at <= (SELECT max(created_at) FROM \(table)\(filter)))"
                baselines.append(
                    "SELECT p.before FROM selected s JOIN previous p ON p.trace_id = s.trace_id WHERE s.parent_trace_id IS NULL AND p.before IS NOT NULL"
                )
            }
            sql =
                "DECLARE \(cursor) NO SCROLL CURSOR FOR WITH selected AS (SELECT \(selected) FROM \(table)\(filter) ORDER BY \(order)\(limit))\(previous) "
                + "SELECT \(document) FROM \(table) WHERE trace_id IN (\(baselines.joined(separator: " UNION "))) ORDER BY \(order)"
        }
        return (sql, binds)
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func binds(_ values: [String]) -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        return binds
    }

    static let logger = Logger(label: "tracereport.database", factory: { _ in SwiftLogNoOpLogHandler() })

    static func connect(_ url: DatabaseURL) throws(DatabaseError) -> EventLoopFuture<PostgresConnection> {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: try DatabaseTLS.configuration(url)
        )
        configuration.options.connectTimeout = .nanoseconds(Int64(url.timeout / .nanoseconds(1)))
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger)
    }
}

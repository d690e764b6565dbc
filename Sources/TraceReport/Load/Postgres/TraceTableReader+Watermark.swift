import PostgresNIO

/// Where a read of the table can resume (`TableWatermark`): the queries that check and record it.
extension TraceTableReader {
    /// The selection a watermark is for: the URL (no password), every selecting option, and how its checksum
    /// is made (a watermark of another checksum is not checked, only not resumed).
    var selectionKey: String {
        let s = query.selection
        return [
            query.url.description, s.since ?? "", s.until ?? "", s.feature ?? "", s.status ?? "",
            s.traceIDs.joined(separator: ","), Self.checksumScheme,
        ].joined(separator: "\u{1}")
    }

    /// Names the checksum's formula in the selection key (`watermarks`).
    static let checksumScheme = "hashtextextended(trace_id, xmin)"

    /// In one scan of the table: the count and checksum of the selected rows created before `checking`'s
    /// cutoff, as they are now (to hold against the last build's watermark), and where the next build can
    /// resume (the newest selected row's `created_at` less the late-commit window, and the rows before it).
    /// The read is one snapshot (`ReadOnlySession`), so both hold for the rows it reads; each was a scan of
    /// its own, two thirds of an incremental build's wait on the server. A part is nil when it cannot be read
    /// (then nothing resumes: a guessed count would leave rows out) or was not asked for.
    static func watermarks(
        _ session: ReadOnlySession, _ query: DatabaseQuery, checking last: String?, selection: String
    ) throws(DatabaseError) -> (now: TableWatermark?, next: TableWatermark?) {
        var binds = PostgresBindings()
        let newestConditions = Self.conditions(query.selection, binds: &binds)
        let newestFilter = newestConditions.isEmpty ? "" : " WHERE " + newestConditions.joined(separator: " AND ")
        var conditions = Self.conditions(query.selection, binds: &binds)
        binds.append(last)
        let lastCutoff = "$\(binds.count)::timestamptz"
        let nextCutoff = "n.cutoff"
        conditions.append("created_at < greatest(\(nextCutoff), \(lastCutoff))")
        // PostgreSQL's own 64-bit text hash (11 and later), seeded with the row version: 4 ms over 30,000 rows
        // where an md5 of the same text, cut to 60 bits, took 29 ms (the scan itself takes 19).
        let hash = "hashtextextended(coalesce(trace_id, ''), xmin::text::bigint)"
        let row = try session.run(
            "SELECT n.cutoff::text, "
                + "count(t.h) FILTER (WHERE t.created_at < \(lastCutoff))::bigint, "
                + "coalesce(sum(t.h) FILTER (WHERE t.created_at < \(lastCutoff)), 0)::text, "
                + "count(t.h) FILTER (WHERE t.created_at < \(nextCutoff))::bigint, "
                + "coalesce(sum(t.h) FILTER (WHERE t.created_at < \(nextCutoff)), 0)::text "
                + "FROM (SELECT max(created_at) - interval '\(TableWatermark.lateCommitWindow)' AS cutoff FROM \(table)\(newestFilter)) n "
                + "LEFT JOIN LATERAL (SELECT created_at, \(hash) AS h FROM \(table) WHERE "
                + conditions.joined(separator: " AND ") + ") t ON true GROUP BY n.cutoff",
            binds, doing: "cannot check the rows read by the last build"
        ).rows.first
        guard
            let (cutoff, lastCount, lastSum, nextCount, nextSum) = try? row?.decode(
                (String?, Int, String, Int, String).self)
        else { return (nil, nil) }
        return (
            last.map { TableWatermark(selection: selection, cutoff: $0, count: lastCount, checksum: lastSum) },
            cutoff.map { TableWatermark(selection: selection, cutoff: $0, count: nextCount, checksum: nextSum) }
        )
    }
}

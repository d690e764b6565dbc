import PostgresNIO

/// Where a read of the table can resume (`TableWatermark`): the queries that check and record it.
extension TraceTableReader {
    /// The selection a watermark is for: the URL (no password) and every selecting option.
    var selectionKey: String {
        let s = query.selection
        return [
            query.url.description, s.since ?? "", s.until ?? "", s.feature ?? "", s.status ?? "",
            s.traceIDs.joined(separator: ","),
        ].joined(separator: "\u{1}")
    }

    /// The count and checksum of the selected rows created before `cutoff`, as they are now; nil when the
    /// answer cannot be read (then nothing resumes: a guessed count would leave rows out).
    static func prefix(_ session: ReadOnlySession, _ query: DatabaseQuery, before cutoff: String, selection: String)
        throws(DatabaseError) -> TableWatermark?
    {
        var binds = PostgresBindings()
        var conditions = Self.conditions(query.selection, binds: &binds)
        binds.append(cutoff)
        conditions.append("created_at < $\(binds.count)::timestamptz")
        let row = try session.run(
            "SELECT count(*)::bigint, coalesce(sum(('x' || substr(md5(coalesce(trace_id, '') || ':' || xmin::text), 1, 15))::bit(60)::bigint), 0)::text FROM \(table) WHERE "
                + conditions.joined(separator: " AND "), binds, doing: "cannot check the rows read by the last build"
        ).rows.first
        guard let (count, checksum) = try? row?.decode((Int, String).self) else { return nil }
        return TableWatermark(selection: selection, cutoff: cutoff, count: count, checksum: checksum)
    }

    /// Where the next build can resume: the newest selected row's `created_at` less the late-commit window.
    static func nextWatermark(_ session: ReadOnlySession, _ query: DatabaseQuery, selection: String)
        throws(DatabaseError) -> TableWatermark?
    {
        var binds = PostgresBindings()
        let conditions = Self.conditions(query.selection, binds: &binds)
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let newest = try session.run(
            "SELECT (max(created_at) - interval '\(TableWatermark.lateCommitWindow)')::text FROM \(table)\(filter)",
            binds,
            doing: "cannot find the newest row"
        ).rows.first
        guard let cutoff = try? newest?.decode(String?.self) else { return nil }
        return try prefix(session, query, before: cutoff, selection: selection)
    }
}

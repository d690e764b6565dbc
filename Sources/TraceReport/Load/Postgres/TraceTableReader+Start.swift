/// Beginning a read of the table (`TraceTableReader.read`), now or ahead of it (`TableReadStart`).
extension TraceTableReader {
    /// A session begun: the table's columns, and those of the report's the table lacks.
    struct Opened {
        let session: ReadOnlySession
        let present: Set<String>
        let missing: [(name: String, migration: String)]
    }

    /// The rows before a cutoff as they are now, and where the next read can resume (`watermarks`).
    typealias Watermarks = (now: TableWatermark?, next: TableWatermark?)

    /// Connects, begins the read-only transaction and looks up the table's columns; throws when the table is
    /// missing or is not the inspector's.
    func open() throws(DatabaseError) -> Opened {
        let url = query.url
        let session = try ReadOnlySession(url: url)
        do throws(DatabaseError) {
            // pg_catalog, not information_schema: the latter hides the columns of a table the user may not
            // read, which would turn "permission denied" into "every column is missing".
            let existing = try session.run(
                "SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped",
                Self.binds([Self.table]), doing: "cannot read the table's columns"
            ).rows.compactMap { try? $0.decode(String.self) }
            guard !existing.isEmpty else {
                throw DatabaseError(
                    url: url.description,
                    reason:
                        "table \(Self.table) does not exist in database \(url.database): point the URL at the inspector's database (its migration 0027 creates the table)"
                )
            }
            let present = Set(existing)
            guard present.contains("trace_id") else {
                throw DatabaseError(
                    url: url.description,
                    reason: "table \(Self.table) has no trace_id column: is this the inspector's table?")
            }
            return Opened(
                session: session, present: present, missing: Self.columns.filter { !present.contains($0.name) })
        } catch {
            session.close()
            throw error
        }
    }

    /// Whether a read of these columns can resume from a watermark, and leave one.
    func canResume(_ present: Set<String>) -> Bool {
        present.contains("created_at") && query.rows == .selected && query.selection.limit == nil
    }

    /// Begins the read now, for a build that will take it later: opened and, when it can resume, the rows
    /// before `cutoff` (the last build's, if known) counted. A failure is kept for the read to throw.
    func start(checking cutoff: String?) -> TableReadStart {
        let opened: Opened
        do { opened = try open() } catch { return TableReadStart(.failure(error), checked: nil) }
        guard canResume(opened.present) else { return TableReadStart(.success(opened), checked: nil) }
        do {
            let counted = try Self.watermarks(opened.session, query, checking: cutoff, selection: selectionKey)
            return TableReadStart(.success(opened), checked: (cutoff, counted))
        } catch {
            opened.session.close()
            return TableReadStart(.failure(error), checked: nil)
        }
    }
}

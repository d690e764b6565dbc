import Foundation

/// Reads the golden tables from rows as JSON objects: the JSON-lines exports
/// (`tb_golden_query.jsonl`, `tb_regression_baseline.jsonl`, `tb_regression_run.jsonl`
/// in an input folder) and the database's rows alike. A bad row is an input error
/// naming its file and line; the other rows are still read.
public enum GoldenTablesReader {
    /// The three tables, by the file name of their export.
    public enum Table: String, CaseIterable, Sendable {
        case query = "tb_golden_query"
        case baseline = "tb_regression_baseline"
        case run = "tb_regression_run"

        /// `tb_golden_query.jsonl`, ...
        public var fileName: String { rawValue + ".jsonl" }
    }

    /// Whether a file is one of the tables' exports (a trace loader skips them).
    public static func isExport(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return Table.allCases.contains { $0.fileName == name }
    }

    /// The tables exported into `folder`, or nil when it holds none of them.
    public static func read(folder: String) -> (tables: GoldenTables, errors: [InputError])? {
        var tables = GoldenTables()
        var errors: [InputError] = []
        var found = false
        for table in Table.allCases {
            let path = (folder as NSString).appendingPathComponent(table.fileName)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            found = true
            do {
                var reader = try LineReader(path: path)
                defer { reader.close() }
                var number = 0
                while let line = try reader.next() {
                    number += 1
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    do throws(TraceFieldError) {
                        try add(JSONDocumentParser.parse(line), table: table, to: &tables)
                    } catch {
                        errors.append(InputError(source: "\(path):\(number)", path: error.path, reason: error.reason))
                    }
                }
            } catch {
                errors.append(InputError(source: path, reason: "cannot read the file: \(error.localizedDescription)"))
            }
        }
        return found ? (tables, errors) : nil
    }

    /// Adds one row of `table`.
    public static func add(_ row: JSONValue, table: Table, to tables: inout GoldenTables) throws(TraceFieldError) {
        let r = try JSONObjectReader(row, at: .root, what: "a row object")
        func required(_ key: String) throws(TraceFieldError) -> String {
            guard let v = try r.text(key) else { throw TraceFieldError(path: .root.key(key), reason: "missing") }
            return v
        }
        switch table {
        case .query:
            let enabled: Bool
            switch r.value("enabled") {
            case .bool(let b)?: enabled = b
            case .string(let s)?: enabled = s.lowercased() == "true"
            default: enabled = false
            }
            tables.queries.append(
                GoldenTables.Query(
                    id: try required("id"), name: try r.text("name") ?? "", queryText: try r.text("query_text") ?? "",
                    opsType: try r.text("ops_type") ?? "", enabled: enabled, createdAt: try r.text("created_at")))
        case .baseline:
            var versions: [JSONValue] = []
            if case .array(let list)? = r.value("asset_versions") { versions = list }
            tables.baselines.append(
                GoldenTables.Baseline(
                    id: try required("id"), goldenQueryID: try required("golden_query_id"),
                    baselineTraceID: try required("baseline_trace_id"), baselineStatus: try r.text("baseline_status"),
                    assetVersions: versions, createdBy: try r.text("created_by"), createdAt: try r.text("created_at")))
        case .run:
            tables.runs.append(
                GoldenTables.Run(
                    id: try required("id"), goldenQueryID: try required("golden_query_id"),
                    baselineID: try r.text("baseline_id"), candidateTraceID: try required("candidate_trace_id"),
                    baselineTraceID: try required("baseline_trace_id"), judgment: try r.text("judgment") ?? "",
                    verdictReason: try r.text("verdict_reason"), diffSummary: r.value("diff_summary") ?? .null,
                    triggeredBy: try r.text("triggered_by"),
                    executionDurationMS: try? r.number("execution_duration_ms"), createdAt: try r.text("created_at")))
        }
    }
}

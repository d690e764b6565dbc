import TraceReport

/// `--golden INPUT`: the golden-query tables of a folder of exports or of a database.
struct GoldenOption {
    /// The input as given.
    let name: String
    let input: InputName
    let tables: GoldenTables
    /// Rows that could not be read.
    let errors: [InputError]

    /// Reads the tables of `text`; an input without them is a usage error (exit 2).
    init(_ text: String) throws(ReportError) {
        name = text
        input = try InputName.parse(text)
        let read = input.input(TraceSelection()).source.goldenTables()
        guard let tables = read.tables else {
            throw ReportError.usage(
                text,
                "holds no golden-query tables (tb_golden_query, tb_regression_baseline, tb_regression_run, or their .jsonl exports in a folder)"
            )
        }
        self.tables = tables
        errors = read.errors
    }

    /// The traces the tables name, read from the same input: a database's rows by id, a folder's units
    /// that hold them.
    var traces: TraceInput {
        let ids = tables.traceIDs
        switch input {
        case .path(let path): return TraceInput(FilteredSource(FileSource(path: path), traceIDs: ids))
        case .database(let url):
            return .database(DatabaseQuery(url: url, selection: TraceSelection(traceIDs: ids.sorted())))
        }
    }
}

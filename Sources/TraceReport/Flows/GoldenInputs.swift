/// The golden-query tables of all inputs together (a folder's exports, a database's tables).
enum GoldenInputs {
    /// The tables of `inputs` merged in input order, and the rows that could not be read; nil tables when
    /// no input holds any.
    static func load(_ inputs: [TraceInput], loader: TraceLoader) throws -> (GoldenTables?, [InputError]) {
        var merged: GoldenTables?
        var errors: [InputError] = []
        for input in inputs {
            guard let (tables, bad) = try input.source.goldenTables(loader) else { continue }
            var all = merged ?? GoldenTables()
            all.queries += tables.queries
            all.baselines += tables.baselines
            all.runs += tables.runs
            merged = all
            errors += bad
        }
        return (merged, errors)
    }
}

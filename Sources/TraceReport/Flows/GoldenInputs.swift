/// The golden-query tables of all inputs together (a folder's exports, a database's tables).
enum GoldenInputs {
    /// The tables of `inputs` merged in input order (nil when no input holds any), the rows that could
    /// not be read, and the notes to say once the traces are read.
    static func load(_ inputs: [TraceInput]) -> (tables: GoldenTables?, errors: [InputError], notes: [String]) {
        var merged: GoldenTables?
        var errors: [InputError] = []
        var notes: [String] = []
        for input in inputs {
            let read = input.source.goldenTables()
            errors += read.errors
            if let note = read.note { notes.append(note) }
            guard let tables = read.tables else { continue }
            var all = merged ?? GoldenTables()
            all.queries += tables.queries
            all.baselines += tables.baselines
            all.runs += tables.runs
            merged = all
        }
        return (merged, errors, notes)
    }
}

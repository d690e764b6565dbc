import TraceReport

/// `--registry`: a snapshot file (or a pipeline spec), or the registry tables of a database
/// (`postgresql://…` or `db` for `$TRACEREPORT_DATABASE_URL`).
enum RegistryOption {
    /// The registry `text` names.
    static func load(_ text: String) throws(ReportError) -> AssetRegistry {
        switch try InputName.parse(text) {
        case .path(let path):
            return try ReportError.reporting { () throws(SpecError) in try AssetRegistry.load(path: path) }
        case .database(let url):
            return try ReportError.reporting { () throws(DatabaseError) in try RegistryTableReader(url: url).read() }
        }
    }
}

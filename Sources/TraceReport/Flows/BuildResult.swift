/// What a build did: counts, input errors, and where the site went.
public struct BuildResult: Sendable {
    /// The totals of the build.
    public var totals: BuildTotals
    /// Inputs that could not be read (the rest were rendered).
    public var errors: [InputError]
    /// The site folder.
    public var output: String
    /// Where a folder tracereport did not write was kept, when `--force` replaced it.
    public var replacedFolder: String?
    /// Pages written (trace pages and the index, HTML and Markdown each).
    public var pages: Int
    /// Traces whose pages were taken over from the last build, unchanged.
    public var reused: Int = 0
    /// Rows of a table taken from the last build without being read (older than its watermark).
    public var replayed: Int = 0
    /// JSONL files the last build read whose stamp had not changed: taken from its manifest without being read.
    public var unreadFiles: Int = 0
}

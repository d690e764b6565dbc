/// Where a build's read of `tb_execution_trace` can resume: every selected row created before `cutoff`
/// was read by the last build, and `count` and `checksum` say which rows those were. The next build
/// checks both again (in its own snapshot) and, when they still hold, reads only rows from `cutoff` on
/// (and rows without a `created_at`), taking the older ones from the last build's manifest.
///
/// What it assumes: the inspector appends rows with `created_at` at about the time it commits them.
/// A row committed up to `lateCommitWindow` after its `created_at` is still read, because the cutoff
/// stands that far before the newest row. Anything else that touches older rows — a row committed later
/// still, an update, a deletion — changes `count` or `checksum`, and the build reads every row again.
public struct TableWatermark: Sendable, Equatable {
    /// Says which read the watermark is for: the table's URL (no password) and the selection.
    public var selection: String
    /// `created_at` of the newest row read, less the window, as the server writes a `timestamptz` in UTC.
    public var cutoff: String
    /// How many selected rows were created before `cutoff`.
    public var count: Int
    /// The sum, over those rows, of a 64-bit hash of their `trace_id` seeded with their row version (`xmin`,
    /// PostgreSQL's `hashtextextended`): any update, deletion or late insertion among them changes it.
    public var checksum: String

    /// How long after its `created_at` a row may still be committed and be read by the next build.
    public static let lateCommitWindow = "15 minutes"

    public init(selection: String, cutoff: String, count: Int, checksum: String) {
        self.selection = selection
        self.cutoff = cutoff
        self.count = count
        self.checksum = checksum
    }
}

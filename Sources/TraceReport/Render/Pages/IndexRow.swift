/// One row of the index as the page shows it: a trace's digest with its texts cut
/// to fit a table, and the page it links.
public struct IndexRow: Sendable {
    public var traceID: String
    public var question: String
    public var route: String
    public var status: String
    /// The page's path relative to the site root, without extension: `traces/<name>`.
    public var page: String
    /// Stage name → coverage, in trace order (a name may repeat).
    public var stages: [(name: String, coverage: StageCoverage)]
    /// The trace ran no stage at all.
    public var ranNoStage: Bool
    public var assetCount: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    /// Stages captured before → after (`0/5 → 5/5`), `unpaired`, or nil when the build compares nothing.
    public var beforeAfter: String?

    /// The row of a trace named in the batch (`TraceDigest.name` set).
    public init(_ trace: TraceDigest) {
        self.init(trace, page: PageNamer.tracePage(trace.name))
    }

    /// The row of a trace whose page is `page`.
    public init(_ trace: TraceDigest, page: String) {
        traceID = TextFormat.cut(trace.traceID, limit: 120)
        question = TextFormat.cut(trace.question ?? "—", limit: 160)
        route = TextFormat.orDash(trace.route.map { TextFormat.cut($0, limit: 40) })
        status = TextFormat.orDash(trace.status.map { TextFormat.cut($0, limit: 40) })
        self.page = page
        stages = trace.stages.map { (TextFormat.cut($0.name, limit: 60), $0.coverage) }
        ranNoStage = trace.ranNoStage
        assetCount = trace.assetCount
        errors = trace.errors
        warnings = trace.warnings
        infos = trace.infos
        switch trace.pairing {
        case nil: beforeAfter = nil
        case .unpaired?: beforeAfter = "unpaired"
        case .paired(let before, let after, _)?:
            beforeAfter = "\(before.captured)/\(before.stages) → \(after.captured)/\(after.stages)"
        }
    }

    /// The row of an analysed trace whose page is `page`.
    public init(_ analysis: TraceAnalysis, page: String, comparing: Bool = false) {
        self.init(TraceDigest(analysis, comparing: comparing), page: page)
    }
}

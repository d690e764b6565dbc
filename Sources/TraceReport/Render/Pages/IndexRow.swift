/// The little the index keeps of each trace, so a build's memory does not
/// grow with the size of the traces, only (slightly) with their number.
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
    public var ranNoStage = false
    public var assetCount: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    /// Findings by kind, for the build's totals.
    public var findingKinds: [String: Int]
    /// The trace showed the ordering bug.
    public var stageAssetsMissing: Bool
    /// The paired baseline trace showed the ordering bug.
    public var baselineStageAssetsMissing = false
    /// Stages captured before → after (`0/5 → 5/5`), `unpaired`, or nil when the build compares nothing.
    public var beforeAfter: String?
    /// Every stage's assets, for the batch's asset pages and the stage × kind matrix.
    public var assets: [AssetUse] = []
    /// Kinds of `request_payload.expected_assets` that no stage captured.
    public var expectedMissing: [String] = []

    /// The row for an analysed trace published at `page`.
    public init(_ analysis: TraceAnalysis, page: String, comparing: Bool = false) {
        let trace = analysis.trace
        traceID = TextFormat.cut(trace.traceID, limit: 120)
        question = TextFormat.cut(trace.question ?? "—", limit: 160)
        route = TextFormat.orDash(trace.route.map { TextFormat.cut($0, limit: 40) })
        status = TextFormat.orDash(trace.status.map { TextFormat.cut($0, limit: 40) })
        self.page = page
        stages = analysis.stages.map { (TextFormat.cut($0.name, limit: 60), $0.coverage) }
        ranNoStage = analysis.ranNoStage
        assetCount = analysis.stageAssetCount
        errors = analysis.count(.error)
        warnings = analysis.count(.warning)
        infos = analysis.count(.info)
        findingKinds = Dictionary(analysis.findings.map { ($0.kind.rawValue, 1) }, uniquingKeysWith: +)
        stageAssetsMissing = analysis.findings.contains { $0.kind == .stageAssetsMissing }
        assets = AssetUse.uses(of: analysis)
        expectedMissing = analysis.findings.filter { $0.kind == .expectedAssetMissing }.compactMap(\.asset)
        if let comparison = analysis.comparison {
            baselineStageAssetsMissing = comparison.baselineStageAssetsMissing
            let before = comparison.stages.compactMap(\.before)
            let after = comparison.stages.compactMap(\.after)
            let captured = { (stages: [StageReport]) in stages.filter { $0.coverage == .captured }.count }
            beforeAfter = "\(captured(before))/\(before.count) → \(captured(after))/\(after.count)"
        } else {
            beforeAfter = comparing ? "unpaired" : nil
        }
    }

    /// A row as stored in the build manifest.
    init(
        traceID: String, question: String, route: String, status: String, page: String,
        stages: [(name: String, coverage: StageCoverage)],
        assetCount: Int, errors: Int, warnings: Int, infos: Int, findingKinds: [String: Int], stageAssetsMissing: Bool,
        baselineStageAssetsMissing: Bool, beforeAfter: String?, assets: [AssetUse] = [], expectedMissing: [String] = []
    ) {
        self.traceID = traceID
        self.question = question
        self.route = route
        self.status = status
        self.page = page
        self.stages = stages
        self.assetCount = assetCount
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
        self.findingKinds = findingKinds
        self.stageAssetsMissing = stageAssetsMissing
        self.baselineStageAssetsMissing = baselineStageAssetsMissing
        self.beforeAfter = beforeAfter
        self.assets = assets
        self.expectedMissing = expectedMissing
    }
}

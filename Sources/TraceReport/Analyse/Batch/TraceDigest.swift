/// What the batch keeps of one analysed trace, the input of every `BatchAggregate`
/// (the index's totals and stage × kind matrix, the asset catalog, the build's totals)
/// and of the index rows. Small, so memory grows only slightly with the number of
/// traces; texts are kept whole (the views cut them) and no page path is held.
public struct TraceDigest: Sendable, Equatable {
    /// How the trace stands against the baseline.
    public enum Pairing: Sendable, Equatable {
        /// The build compares, and no baseline trace paired with this one.
        case unpaired
        /// Stages captured before and after: `captured` of `stages`.
        case paired(before: StageCount, after: StageCount, baselineStageAssetsMissing: Bool)
    }

    /// Captured stages of all stages.
    public struct StageCount: Sendable, Equatable {
        public var captured: Int
        public var stages: Int
    }

    public var traceID: String
    public var question: String?
    public var route: String?
    public var status: String?
    /// The trace's name in the batch (unique, from its trace id): set when the flow names its page.
    public var name = ""
    /// Stage name → coverage, in trace order (a name may repeat).
    public var stages: [Stage]
    /// The trace ran no stage at all.
    public var ranNoStage: Bool
    /// Assets the stages recorded.
    public var assetCount: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    /// Findings by kind.
    public var findingKinds: [String: Int]
    /// nil when the build compares nothing.
    public var pairing: Pairing?
    /// Every stage's assets, then the global assets no stage claimed.
    public var assets: [AssetUse]
    /// Kinds of `request_payload.expected_assets` that no stage captured.
    public var expectedMissing: [String]
    /// The golden query a `rerun --golden` run answered.
    public var goldenQueryID: String?

    /// One stage as the batch counts it.
    public struct Stage: Sendable, Equatable {
        public var name: String
        public var coverage: StageCoverage
    }

    /// The trace showed the ordering bug.
    public var stageAssetsMissing: Bool { findingKinds[FindingKind.stageAssetsMissing.rawValue, default: 0] > 0 }

    /// The digest of an analysed trace; `comparing` when the build pairs traces with a baseline.
    public init(_ analysis: TraceAnalysis, comparing: Bool = false) {
        let trace = analysis.trace
        traceID = trace.traceID
        question = trace.question
        route = trace.route
        status = trace.status
        stages = analysis.stages.map { Stage(name: $0.name, coverage: $0.coverage) }
        ranNoStage = analysis.ranNoStage
        assetCount = analysis.stageAssetCount
        errors = analysis.count(.error)
        warnings = analysis.count(.warning)
        infos = analysis.count(.info)
        findingKinds = Dictionary(analysis.findings.map { ($0.kind.rawValue, 1) }, uniquingKeysWith: +)
        assets = AssetUse.uses(of: analysis)
        expectedMissing = analysis.findings.filter { $0.kind == .expectedAssetMissing }.compactMap(\.asset)
        goldenQueryID = trace.goldenQueryID
        if let comparison = analysis.comparison {
            let count = { (stages: [StageReport]) in
                StageCount(captured: stages.filter { $0.coverage == .captured }.count, stages: stages.count)
            }
            pairing = .paired(
                before: count(comparison.stages.compactMap(\.before)),
                after: count(comparison.stages.compactMap(\.after)),
                baselineStageAssetsMissing: comparison.baselineStageAssetsMissing)
        } else {
            pairing = comparing ? .unpaired : nil
        }
    }

    /// A digest as stored in the build manifest and the row spool.
    init(
        traceID: String, question: String?, route: String?, status: String?, name: String, stages: [Stage],
        ranNoStage: Bool, assetCount: Int, errors: Int, warnings: Int, infos: Int, findingKinds: [String: Int],
        pairing: Pairing?, assets: [AssetUse], expectedMissing: [String], goldenQueryID: String? = nil
    ) {
        self.goldenQueryID = goldenQueryID
        self.traceID = traceID
        self.question = question
        self.route = route
        self.status = status
        self.name = name
        self.stages = stages
        self.ranNoStage = ranNoStage
        self.assetCount = assetCount
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
        self.findingKinds = findingKinds
        self.pairing = pairing
        self.assets = assets
        self.expectedMissing = expectedMissing
    }
}

/// What the index says about all traces — totals, verdicts, stage columns —
/// added up a trace at a time, so index pages need only their own rows.
public struct IndexTally: BatchAggregate, Sendable, Equatable {
    public var traces = 0
    public var stages = 0
    public var captured = 0
    public var empty = 0
    public var missing = 0
    public var inferred = 0
    /// Traces that ran no stage at all.
    public var noStages = 0
    public var errors = 0
    public var warnings = 0
    public var infos = 0
    /// Traces with `stage-assets-missing`.
    public var broken = 0
    /// Traces with `stage-assets-inferred`.
    public var backFilled = 0
    /// Traces paired with a baseline, and how many of those baselines (and of them now) had `stage-assets-missing`.
    public var paired = 0
    public var pairedBrokenBefore = 0
    public var pairedBrokenNow = 0
    /// Stage → kind → traces that captured an asset of the kind in the stage.
    public var matrix: [String: [String: Int]] = [:]
    /// Kind → traces that ran no stage and hold an asset of the kind (globally, as all they hold).
    public var noStageKinds: [String: Int] = [:]
    /// Kind → traces that expected it (`request_payload.expected_assets`) but captured none.
    public var expectedMissing: [String: Int] = [:]
    /// Stage names beyond the standard five, in the order first seen.
    public var extraStages: [String] = []
    var seenStages = Set(PipelineSpec.stageOrder)

    /// Creates an empty tally.
    public init() {}

    /// The tally of `traces`.
    public init(_ traces: some Sequence<TraceDigest>) {
        add(contentsOf: traces)
    }

    /// Adds one trace.
    public mutating func add(_ row: TraceDigest) {
        traces += 1
        stages += row.stages.count
        if row.ranNoStage { noStages += 1 }
        for stage in row.stages {
            switch stage.coverage {
            case .captured: captured += 1
            case .empty: empty += 1
            case .missing: missing += 1
            case .inferred: inferred += 1
            }
            if seenStages.insert(stage.name).inserted { extraStages.append(stage.name) }
        }
        // Each (stage, kind) once per trace: a trace holds a few uses, so a list searched in place beats a
        // set of joined strings (which was most of adding a trace).
        var counted: [(stage: String?, kind: String)] = []
        counted.reserveCapacity(row.assets.count)
        for use in row.assets where use.stage != nil || row.ranNoStage {
            let kind = use.kind
            guard !counted.contains(where: { $0.stage == use.stage && $0.kind == kind }) else { continue }
            counted.append((use.stage, kind))
            if let stage = use.stage {
                matrix[stage, default: [:]][kind, default: 0] += 1
            } else {
                noStageKinds[kind, default: 0] += 1
            }
        }
        for (i, kind) in row.expectedMissing.enumerated() where !row.expectedMissing[..<i].contains(kind) {
            expectedMissing[kind, default: 0] += 1
        }
        errors += row.errors
        warnings += row.warnings
        infos += row.infos
        if row.stageAssetsMissing { broken += 1 }
        if row.findingKinds[FindingKind.stageAssetsInferred.rawValue, default: 0] > 0 { backFilled += 1 }
        if case .paired(_, _, let baselineBroken) = row.pairing {
            paired += 1
            if baselineBroken { pairedBrokenBefore += 1 }
            if row.stageAssetsMissing { pairedBrokenNow += 1 }
        }
    }
}

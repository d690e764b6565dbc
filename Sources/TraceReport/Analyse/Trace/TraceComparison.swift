/// A trace against its baseline, stage by stage.
public struct TraceComparison: Sendable, Equatable {
    /// The baseline trace's id and where it was read.
    public var baselineID: String
    public var baselineSource: String
    /// The rule that paired the two.
    public var pairedBy: PairingRule = .traceID
    /// The baseline had global assets but no per-stage ones.
    public var baselineStageAssetsMissing: Bool
    /// Stages aligned by name (and occurrence): current order, baseline-only stages last.
    public var stages: [StageComparison]
}

/// One stage before and after.
public struct StageComparison: Sendable, Equatable {
    /// How an asset key changed.
    public enum Change: String, Sendable, Equatable {
        case added, removed, changed, unchanged
    }

    /// One asset key before and after.
    public struct AssetChange: Sendable, Equatable {
        public var key: String
        public var change: Change
        public var before: AssetEntry?
        public var after: AssetEntry?
    }

    public var stage: String
    /// The stage in the baseline, nil when it ran only now.
    public var before: StageReport?
    /// The stage now, nil when it ran only in the baseline.
    public var after: StageReport?
    /// Every asset key of either side.
    public var assets: [AssetChange]

    /// Keys by change.
    public func keys(_ change: Change) -> [AssetChange] { assets.filter { $0.change == change } }
}

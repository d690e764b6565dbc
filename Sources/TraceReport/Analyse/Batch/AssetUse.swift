/// One stage's use of one asset (or a global asset no stage claimed), as the
/// batch-wide asset pages count it. Small, so it travels in the index row.
public struct AssetUse: Sendable, Equatable {
    /// The stage, or nil for a global asset that no stage recorded.
    public var stage: String?
    /// `prompt`, `query:cpu_usage`, ...
    public var key: String
    /// The display as recorded: `cpu_usage (v1)`.
    public var display: String
    /// The version the display or info carries, if any.
    public var version: String?
    public var isFallback: Bool
    public var isOverride: Bool

    /// Creates a use.
    public init(stage: String?, key: String, display: String, version: String?, isFallback: Bool, isOverride: Bool) {
        self.stage = stage
        self.key = key
        self.display = display
        self.version = version
        self.isFallback = isFallback
        self.isOverride = isOverride
    }

    /// The key's kind: `query` for `query:cpu_usage`.
    public var kind: String {
        // As `AssetKey.split(key).kind`, without making the name: the index tally asks for every use.
        guard let colon = key.utf8.firstIndex(of: UInt8(ascii: ":")) else { return key }
        return String(key[..<colon])
    }

    /// Every stage's assets of an analysed trace, then the global assets no stage claimed.
    public static func uses(of analysis: TraceAnalysis) -> [AssetUse] {
        var uses: [AssetUse] = []
        // What an API export back-filled was never used as far as the record goes; the `schema` alias is its catalog.
        for stage in analysis.stages {
            for a in stage.assets where !a.isInferred {
                uses.append(
                    AssetUse(
                        stage: stage.name, key: a.key, display: a.display, version: a.version, isFallback: a.isFallback,
                        isOverride: a.isOverride))
            }
        }
        for g in analysis.global where g.claimedBy.isEmpty && g.aliasOf == nil && !g.entry.isInferred {
            let a = g.entry
            uses.append(
                AssetUse(
                    stage: nil, key: a.key, display: a.display, version: a.version, isFallback: a.isFallback,
                    isOverride: a.isOverride))
        }
        return uses
    }
}

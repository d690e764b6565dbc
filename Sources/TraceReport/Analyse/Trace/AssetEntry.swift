/// One asset as the report shows it: a stage's (or the trace's global) assets
/// after formatting, with what the analysis found out about it.
public struct AssetEntry: Sendable, Equatable {
    /// The key as recorded: `prompt`, `query:cpu_usage`, ...
    public var key: String
    /// The key's kind: `prompt`, `query`, ...
    public var kind: String
    /// The name in a list key (`cpu_usage` in `query:cpu_usage`); nil for single slots.
    public var keyName: String?
    /// The asset name, read from the display (`ci_compose_prompt` in `ci_compose_prompt (v2)`).
    public var name: String
    /// The version, when the display or info carries one.
    public var version: String?
    /// The display string exactly as recorded, or as formatted from a raw info.
    public var display: String
    /// Resolved from a fallback rather than the registry.
    public var isFallback: Bool
    /// Only the trace's `fallbacks[kind]` flag says fallback: no info or display tells this asset's own source.
    public var fallbackFromKindFlag: Bool = false
    /// Produced by an entry of `request_payload.asset_overrides`.
    public var isOverride: Bool
    /// The raw info had `"source": null`: the orchestrator calls that a fallback, but the data may be incomplete.
    public var sourceIsNull: Bool
    /// Back-filled by the inspector API's export (`"source": "inferred"`, or a `tool:NN` key holding a bare
    /// name): the stage never recorded it.
    public var isInferred: Bool = false
    /// The info's `asset_id`, when the asset was recorded as an info.
    public var assetID: String?

    /// Creates an entry.
    public init(
        key: String, kind: String, keyName: String?, name: String, version: String?, display: String,
        isFallback: Bool = false, isOverride: Bool = false, sourceIsNull: Bool = false
    ) {
        self.key = key
        self.kind = kind
        self.keyName = keyName
        self.name = name
        self.version = version
        self.display = display
        self.isFallback = isFallback
        self.isOverride = isOverride
        self.sourceIsNull = sourceIsNull
    }

    /// What a stage's asset and a global one must share to be the same: kind and display.
    var claimKey: String { kind + "\u{0}" + display }

    /// Whether two entries record one asset: the same `asset_id`, or the same name and version.
    func isSameAsset(as other: AssetEntry) -> Bool {
        if let id = assetID, let otherID = other.assetID { return id == otherID }
        return name == other.name && version == other.version
    }
}

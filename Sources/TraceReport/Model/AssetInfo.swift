// The asset types, from what a trace records to what a page shows:
//
// Model (what was read)
//   AssetInfo        one raw record {asset_id, name, version, source, …}, as the orchestrator tracks it
//   AssetSource      its `source`: absent, null or a name (`asset_registry`, a fallback, `inferred`)
//   AssetVersion     its `version`: an int, a string or another scalar, printed as Python prints it
//   AssetValue       one value of a stage's `applied_assets` map: a display string, an info, a list, or odd
//   GlobalAssets     a trace's global `applied_assets`: single slots and lists
// Analyse (one trace)
//   AssetFormatter   keys and displays values by the orchestrator's rules
//   AssetDisplay     the display string both ways: `name (v2)`, `name (fallback)`, `name (inferred)`
//   AssetEntry       one formatted asset of a stage or of the global record, with what is known of it
//   AssetUse         one stage's use of one asset, small enough to travel in the index row
// Analyse (the batch)
//   AssetCatalog     every asset key of the batch: its displays, stages and traces (asset pages)
//   AssetRegistry    a registry snapshot (`--registry`): the active version of each asset
// Compare
//   StageComparison.AssetChange  one key before and after: added, removed, changed, unchanged
// Re-run
//   AssetTracker, AssetScope  the task-local record of a request's and a stage's assets
//   PipelineSpec.AssetRef     `kind:name` in a spec
// Render
//   AssetPageModel, AssetIndexModel, AssetPagePath  an asset's page, the asset index, and their paths

/// A raw asset record from the registry or a fallback, as the orchestrator
/// tracks it: `{asset_id, name, version, source, screen_id, scope, engine, ...}`.
public struct AssetInfo: Sendable, Equatable {
    /// The registry id, used in list keys when an entry has no name.
    public var assetID: String?
    /// The asset's name; empty names count as missing, as in Python.
    public var name: String?
    /// The version, or nil when absent or `null`.
    public var version: AssetVersion?
    /// The source, keeping absent and `null` apart.
    public var source: AssetSource
    /// A screen's id, the name of last resort for screens.
    public var screenID: String?
    /// Scope and engine, shown on the page but not used for formatting.
    public var scope: String?
    public var engine: String?
    /// The key names of last resort the orchestrator reads for tools, policies and mappings.
    public var toolName: String?
    public var policyType: String?
    public var mappingType: String?
    /// The record was `{}`: Python's `not info` is true, so a single slot holding it is skipped.
    public var isEmptyRecord: Bool

    /// Creates an info; every field is optional in the traces.
    public init(
        assetID: String? = nil, name: String? = nil, version: AssetVersion? = nil,
        source: AssetSource = .absent, screenID: String? = nil, scope: String? = nil, engine: String? = nil,
        toolName: String? = nil, policyType: String? = nil, mappingType: String? = nil, isEmptyRecord: Bool = false
    ) {
        self.assetID = assetID
        self.name = name
        self.version = version
        self.source = source
        self.screenID = screenID
        self.scope = scope
        self.engine = engine
        self.toolName = toolName
        self.policyType = policyType
        self.mappingType = mappingType
        self.isEmptyRecord = isEmptyRecord
    }

    /// The orchestrator's test for "the same asset" when it skips a list entry equal to its kind's
    /// single slot: same `name`, `version` and `asset_id`.
    public func isSameAsset(as other: AssetInfo) -> Bool {
        guard name == other.name, assetID == other.assetID else { return false }
        switch (version, other.version) {
        case (nil, nil): return true
        case (let a?, let b?): return a.pythonEquals(b)
        default: return false
        }
    }
}

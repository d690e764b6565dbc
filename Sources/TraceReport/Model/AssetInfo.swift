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

    /// Creates an info; every field is optional in the traces.
    public init(
        assetID: String? = nil, name: String? = nil, version: AssetVersion? = nil,
        source: AssetSource = .absent, screenID: String? = nil, scope: String? = nil, engine: String? = nil
    ) {
        self.assetID = assetID
        self.name = name
        self.version = version
        self.source = source
        self.screenID = screenID
        self.scope = scope
        self.engine = engine
    }
}

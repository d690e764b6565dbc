import Foundation

/// A registry snapshot (`--registry FILE`): which versions of each asset exist and which one the
/// registry serves. The file is `{"<kind>": [{"name", "versions", "active"}]}`, the shape of a
/// pipeline spec's `registry`, so a spec file works too.
public struct AssetRegistry: Sendable, Equatable {
    /// kind → name → (versions in order, the active one).
    public var assets: [String: [String: (versions: [String], active: String)]]
    /// Asset id → what it is, when the registry names its rows by id (the database's `tb_asset_registry`).
    public var ids: [String: (kind: String, name: String, version: String)] = [:]

    public static func == (a: AssetRegistry, b: AssetRegistry) -> Bool {
        a.assets.mapValues { $0.mapValues { [$0.active] + $0.versions } }
            == b.assets.mapValues { $0.mapValues { [$0.active] + $0.versions } }
            && a.ids.mapValues { [$0.kind, $0.name, $0.version] } == b.ids.mapValues { [$0.kind, $0.name, $0.version] }
    }

    /// Creates a registry from its assets.
    public init(_ registry: [PipelineSpec.RegistryAsset]) {
        var assets: [String: [String: (versions: [String], active: String)]] = [:]
        for asset in registry {
            assets[asset.kind, default: [:]][asset.name] = (asset.versions.map(\.text), asset.active.text)
        }
        self.assets = assets
    }

    /// Reads a registry file, or a pipeline spec's `registry`; errors name the file and the JSON path.
    public static func load(path: String) throws(SpecError) -> AssetRegistry {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(file: path, path: .root, reason: "cannot read the registry snapshot: check the path")
        }
        do {
            let value = try JSONDocumentParser.parse(data)
            var root = try JSONObjectReader(value, at: .root, what: "a registry snapshot object")
            if let spec = try root.object("registry"), root.has("queries") || root.has("name") { root = spec }
            return AssetRegistry(try PipelineSpecLoader.registryAssets(root))
        } catch {
            throw SpecError(file: path, path: error.path, reason: error.reason)
        }
    }

    /// The active version, when the registry knows this asset and the version used is older than it:
    /// earlier in its `versions`, or (when either is not listed) a smaller number.
    public func activeIfStale(kind: String, name: String, version: String) -> String? {
        guard let entry = assets[kind]?[name], version != entry.active else { return nil }
        if let used = entry.versions.firstIndex(of: version), let active = entry.versions.firstIndex(of: entry.active) {
            return used < active ? entry.active : nil
        }
        if let used = Double(version), let active = Double(entry.active) { return used < active ? entry.active : nil }
        return nil
    }

    /// The active version of an asset, for the asset pages.
    public func active(kind: String, name: String) -> String? { assets[kind]?[name]?.active }

    /// A registry from the database's rows: per type and name, every version its rows and their version
    /// history know, in numeric order, and the published one as active (a name with no published row has
    /// no active version, so it is never stale); each row's asset id names its type, name and version.
    public init(
        rows: [(id: String, kind: String, name: String, version: String, published: Bool)],
        history: [(id: String, version: String)]
    ) {
        var versions: [String: [String: Set<String>]] = [:]
        var active: [String: [String: String]] = [:]
        for row in rows {
            ids[row.id] = (row.kind, row.name, row.version)
            versions[row.kind, default: [:]][row.name, default: []].insert(row.version)
            if row.published { active[row.kind, default: [:]][row.name] = row.version }
        }
        for entry in history {
            guard let (kind, name, _) = ids[entry.id] else { continue }
            versions[kind, default: [:]][name, default: []].insert(entry.version)
        }
        let numeric = { (a: String, b: String) in
            if let x = Double(a), let y = Double(b), x != y { return x < y }
            return a < b
        }
        assets = [:]
        for (kind, names) in active {
            for (name, version) in names {
                assets[kind, default: [:]][name] = (versions[kind]?[name]?.sorted(by: numeric) ?? [version], version)
            }
        }
    }

    /// `prompt ci_compose_prompt v2` for an asset id the registry knows.
    public func describe(id: String) -> String? {
        ids[id].map { "\($0.kind) \($0.name) v\($0.version)" }
    }
}

/// Writes traces in the inspector's export format — the format `build` reads —
/// from what a re-run tracked: raw asset infos for the global record, formatted
/// display maps for the stages.
public enum TraceExport {
    /// The global list field a list kind is kept in: `query` → `queries`.
    public static func listField(for kind: String) -> String {
        GlobalAssets.listKinds.first { $0.kind == kind }?.field ?? kind + "s"
    }

    /// A raw asset info as the orchestrator serialises it.
    public static func json(_ info: AssetInfo) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        if let id = info.assetID { fields["asset_id"] = .string(id) }
        if let name = info.name { fields["name"] = .string(name) }
        if let screen = info.screenID { fields["screen_id"] = .string(screen) }
        switch info.version {
        case nil: fields["version"] = .null
        case .int(let v)?: fields["version"] = .int(v)
        case .string(let v)?: fields["version"] = .string(v)
        case .double(let v)?: fields["version"] = .double(v)
        case .bool(let v)?: fields["version"] = .bool(v)
        }
        switch info.source {
        case .absent: break
        case .null: fields["source"] = .null
        case .named(let s): fields["source"] = .string(s)
        }
        return .object(fields)
    }

    /// The global `applied_assets` in the older shape: single slots, then `queries`, `screens` (and `tools`).
    public static func json(_ global: GlobalAssets) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        for slot in global.slots {
            if case .info(let info) = slot.value { fields[slot.kind] = json(info) }
        }
        for list in global.lists { fields[list.field] = .array(list.values.map(json)) }
        return .object(fields)
    }

    /// The global fields exactly as the inspector's writer stores them: `applied_assets` with every
    /// slot (null when empty) and `schema` repeating `catalog` (kept for clients still reading `schema`),
    /// `asset_versions` as asset ids (`name@source` for an asset without one), and `fallbacks` true for
    /// every slot that holds no registry asset, empty slots included.
    public static func writerRow(_ global: GlobalAssets) -> (
        appliedAssets: JSONValue, assetVersions: JSONValue, fallbacks: JSONValue
    ) {
        var infos: [String: AssetInfo] = [:]
        for slot in global.slots {
            if case .info(let info) = slot.value { infos[slot.kind] = info }
        }
        let catalog = infos["catalog"] ?? infos["schema"]
        infos["catalog"] = catalog
        infos["schema"] = catalog
        var applied: [String: JSONValue] = [:]
        var fallbacks: [String: JSONValue] = [:]
        var ids: [JSONValue] = []
        let id = { (info: AssetInfo) in
            JSONValue.string(info.assetID ?? "\(info.name ?? info.screenID ?? "None")@\(info.source.text)")
        }
        for kind in ["prompt", "policy", "mapping", "source", "catalog", "schema", "resolver"] {
            applied[kind] = infos[kind].map(json) ?? .null
            fallbacks[kind] = .bool(infos[kind].map { $0.source != .named(AssetSource.registry) } ?? true)
            if kind != "schema", let info = infos[kind] { ids.append(id(info)) }
        }
        for list in global.lists {
            applied[list.field] = .array(list.values.map(json))
            ids += list.values.map(id)
        }
        for field in ["queries", "screens"] where applied[field] == nil { applied[field] = .array([]) }
        let queries = global.lists.first { $0.kind == "query" }?.values ?? []
        fallbacks["query"] = .bool(queries.contains { $0.source != .named(AssetSource.registry) })
        return (.object(applied), .array(ids), .object(fallbacks))
    }

    /// A stage's `applied_assets`: key → display, formatted as the orchestrator formats them.
    public static func displays(_ assets: GlobalAssets, formatter: AssetFormatter) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        for entry in formatter.entries(for: assets) { fields[entry.key] = .string(entry.display) }
        return .object(fields)
    }
}

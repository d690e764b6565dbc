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

    /// A stage's `applied_assets`: key → display, formatted as the orchestrator formats them.
    public static func displays(_ assets: GlobalAssets, formatter: AssetFormatter) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        for entry in formatter.entries(for: assets) { fields[entry.key] = .string(entry.display) }
        return .object(fields)
    }
}

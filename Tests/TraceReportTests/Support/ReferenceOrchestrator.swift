@testable import TraceReport

/// The orchestrator's `_format_asset_display` and `_resolve_applied_assets_from_assets`,
/// transcribed rule by rule from issue #9 over raw JSON, with Python's truthiness and
/// `str()`. It shares no code with `AssetFormatter`, so the two can be compared.
enum ReferenceOrchestrator {
    typealias Info = [String: JSONValue]

    /// Python's `bool(value)`; a missing key is `None`.
    static func truthy(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: false
        case .bool(let b)?: b
        case .int(let i)?: i != 0
        case .double(let d)?: d != 0
        case .string(let s)?: !s.isEmpty
        case .array(let a)?: !a.isEmpty
        case .object(let o)?: !o.isEmpty
        }
    }

    /// Python's `str(value)` (f-string formatting) for the scalars that occur.
    static func str(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: "None"
        case .bool(let b)?: b ? "True" : "False"
        case .int(let i)?: String(i)
        case .double(let d)?: d == d.rounded() && abs(d) < 1e16 ? String(Int(d)) + ".0" : String(d)
        case .string(let s)?: s
        case .array?, .object?: "<container>"
        }
    }

    /// Python's `==` for the values that occur: numbers (booleans too) by value, missing equal to `None`.
    static func pyEqual(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        func number(_ v: JSONValue?) -> Double? {
            switch v {
            case .int(let i)?: Double(i)
            case .double(let d)?: d
            case .bool(let b)?: b ? 1 : 0
            default: nil
            }
        }
        if let x = number(a), let y = number(b) { return x == y }
        return (a ?? .null) == (b ?? .null)
    }

    /// `a or b or ... or default`.
    static func or(_ info: Info, _ keys: [String], default fallback: String) -> String {
        for key in keys where truthy(info[key]) { return str(info[key]) }
        return fallback
    }

    static func formatDisplay(_ info: Info) -> String {
        let name = or(info, ["name", "screen_id"], default: "unknown")
        let source = info["source"] ?? .string("asset_registry")
        if source != .string("asset_registry") { return "\(name) (fallback)" }
        if let version = info["version"], version != .null { return "\(name) (v\(str(version)))" }
        return name
    }

    static func versioned(_ name: String, _ info: Info) -> String {
        if let version = info["version"], version != .null { return "\(name) (v\(str(version)))" }
        return name
    }

    /// The stage map the orchestrator writes for these tracked assets (ordered, like a Python dict),
    /// and the keys whose display an override supplied.
    static func resolve(_ assets: Info, overrides: [String: String]) -> (
        applied: [(key: String, display: String)], overridden: Set<String>
    ) {
        var applied: [(key: String, display: String)] = []
        var overridden: Set<String> = []
        func set(_ key: String, _ display: String) {
            if let at = applied.firstIndex(where: { $0.key == key }) {
                applied[at].display = display
            } else {
                applied.append((key, display))
            }
        }
        func infos(_ field: String) -> [Info] {
            guard case .array(let items)? = assets[field] else { return [] }
            return items.compactMap { if case .object(let o) = $0 { o } else { nil } }
        }
        for kind in ["prompt", "policy", "mapping", "source", "schema", "catalog", "resolver"] {
            guard truthy(assets[kind]), case .object(let info)? = assets[kind] else { continue }
            let overrideKey = "\(kind):\(str(info["name"]))"
            if overrides[overrideKey] != nil { overridden.insert(kind) }
            set(kind, overrides[overrideKey] ?? formatDisplay(info))
        }
        for (plural, kind, chain) in [
            ("prompts", "prompt", ["name"]), ("policies", "policy", ["name", "policy_type"]),
            ("mappings", "mapping", ["name", "mapping_type"]),
        ] {
            let single: Info? = if case .object(let o)? = assets[kind] { o } else { nil }
            for info in infos(plural) {
                if let single, truthy(.object(single)), pyEqual(info["name"], single["name"]),
                    pyEqual(info["version"], single["version"]),
                    pyEqual(info["asset_id"], single["asset_id"])
                {
                    continue
                }
                set("\(kind):\(or(info, chain, default: kind))", formatDisplay(info))
            }
        }
        for (plural, kind, chain) in [
            ("tools", "tool", ["name", "tool_name", "asset_id"]), ("queries", "query", ["name", "asset_id"]),
        ] {
            for info in infos(plural) {
                let name = or(info, chain, default: kind)
                let key = "\(kind):\(name)"
                if overrides[key] != nil { overridden.insert(key) }
                set(key, overrides[key] ?? versioned(name, info))
            }
        }
        for info in infos("screens") {
            let id = or(info, ["screen_id", "asset_id"], default: "screen")
            let key = "screen:\(id)"
            if overrides[key] != nil { overridden.insert(key) }
            set(key, overrides[key] ?? versioned(or(info, ["screen_id", "name"], default: id), info))
        }
        return (applied, overridden)
    }
}

extension ReferenceOrchestrator {
    /// The document as Python's `json.dumps` writes it: floats keep their `.0` (tracereport's own
    /// printer writes `2.0` as `2`, which Python would read back as an int and display `v2`).
    static func pythonJSON(_ value: JSONValue) -> String {
        switch value {
        case .double(let d): return str(.double(d))
        case .array(let items): return "[" + items.map(pythonJSON).joined(separator: ",") + "]"
        case .object(let fields):
            return "{"
                + fields.keys.sorted().map { JSONValue.string($0).compactJSON + ":" + pythonJSON(fields[$0]!) }.joined(
                    separator: ",") + "}"
        default: return value.compactJSON
        }
    }
}

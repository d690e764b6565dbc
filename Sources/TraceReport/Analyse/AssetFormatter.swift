/// Turns a trace's recorded assets into `AssetEntry` values: the global
/// `applied_assets` formatted the way the orchestrator formats them, and each
/// stage's map taken as recorded (raw infos formatted with the same rules).
public struct AssetFormatter: Sendable {
    /// `request_payload.asset_overrides`: `"kind:name"` → replacing display.
    public var overrides: [String: String]
    /// The trace's `fallbacks` flags by kind.
    public var fallbacks: [String: Bool]

    /// Creates a formatter for one trace.
    public init(overrides: [String: String] = [:], fallbacks: [String: Bool] = [:]) {
        self.overrides = overrides
        self.fallbacks = fallbacks
    }

    /// Creates the formatter a trace's own overrides and fallbacks call for.
    public init(for trace: Trace) {
        self.init(overrides: trace.assetOverrides, fallbacks: trace.fallbacks)
    }

    /// Kinds whose list entries use `<name> (v<version>)` without the fallback rule.
    static let plainListKinds: Set<String> = ["query", "screen", "tool"]

    /// The global assets as the orchestrator would key and display them.
    public func entries(for global: GlobalAssets) -> [AssetEntry] {
        var entries: [AssetEntry] = []
        var positions: [String: Int] = [:]
        func add(_ entry: AssetEntry) {
            if let at = positions[entry.key] { entries[at] = entry } else {
                positions[entry.key] = entries.count
                entries.append(entry)
            }
        }
        for slot in global.slots {
            add(entry(key: slot.kind, value: slot.value))
        }
        for list in global.lists {
            let slotInfo = global.slots.first { $0.kind == list.kind }.flatMap { slot -> AssetInfo? in
                if case .info(let info) = slot.value { return info }
                return nil
            }
            for info in list.values where info != slotInfo {
                add(listEntry(kind: list.kind, info: info))
            }
        }
        return entries
    }

    /// A global list entry: `query:<name or asset_id>`, `screen:<screen_id or asset_id>`, `<kind>:<name>`.
    func listEntry(kind: String, info: AssetInfo) -> AssetEntry {
        let nonEmpty = { (s: String?) in s.flatMap { $0.isEmpty ? nil : $0 } }
        let keyName: String
        switch kind {
        case "query": keyName = nonEmpty(info.name) ?? nonEmpty(info.assetID) ?? "unknown"
        case "screen": keyName = nonEmpty(info.screenID) ?? nonEmpty(info.assetID) ?? "unknown"
        default: keyName = nonEmpty(info.name) ?? nonEmpty(info.assetID) ?? "unknown"
        }
        let key = "\(kind):\(keyName)"
        let formatted = Self.plainListKinds.contains(kind) ? AssetDisplay.formatListEntry(info) : AssetDisplay.format(info)
        let override = overrides[key]
        return make(key: key, kind: kind, keyName: keyName, display: override ?? formatted, info: info, overridden: override != nil)
    }

    /// A recorded `key → value` pair: display strings as they are, raw infos formatted
    /// (and replaced by an override for `<kind>:<name>` when there is one).
    public func entry(key: String, value: AssetValue) -> AssetEntry {
        let (kind, keyName) = Self.split(key)
        switch value {
        case .display(let display):
            return make(key: key, kind: kind, keyName: keyName, display: display, info: nil, overridden: false)
        case .info(let info):
            let formatted =
                keyName != nil && Self.plainListKinds.contains(kind) ? AssetDisplay.formatListEntry(info) : AssetDisplay.format(info)
            let override = overrides["\(kind):\(keyName ?? AssetDisplay.name(of: info))"]
            return make(key: key, kind: kind, keyName: keyName, display: override ?? formatted, info: info, overridden: override != nil)
        }
    }

    /// `query:cpu_usage` → (`query`, `cpu_usage`); `prompt` → (`prompt`, nil).
    public static func split(_ key: String) -> (kind: String, name: String?) {
        guard let colon = key.firstIndex(of: ":") else { return (key, nil) }
        return (String(key[..<colon]), String(key[key.index(after: colon)...]))
    }

    private func make(key: String, kind: String, keyName: String?, display: String, info: AssetInfo?, overridden: Bool) -> AssetEntry {
        let parsed = AssetDisplay.parse(display)
        let version = info?.version?.text ?? parsed.version
        // A raw info's source is definite; the trace-wide `fallbacks[kind]` flag only speaks for displays without one.
        let byFlag = info == nil && !parsed.isFallback && fallbacks[kind] == true
        var entry = AssetEntry(
            key: key, kind: kind, keyName: keyName, name: parsed.name, version: version, display: display,
            isFallback: parsed.isFallback || (info?.source.isFallback ?? false) || byFlag,
            isOverride: overridden || isOverride(key: key, kind: kind, display: display), sourceIsNull: info?.source == .null)
        entry.fallbackFromKindFlag = byFlag
        return entry
    }

    /// An override entry `"<kind>:<name>" → value` produced this asset when its key is that
    /// kind (single slot) or that whole key (list entry) and its display is the value.
    func isOverride(key: String, kind: String, display: String) -> Bool {
        overrides.contains { overrideKey, value in
            value == display && (overrideKey == key || Self.split(overrideKey).kind == key)
        }
    }
}

/// Turns a trace's recorded assets into `AssetEntry` values: the global
/// `applied_assets` keyed and displayed exactly as the orchestrator's
/// `_resolve_applied_assets_from_assets` does, and each stage's map taken as
/// recorded (raw infos formatted by the same rules, odd shapes kept readable).
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

    /// The global assets as the orchestrator keys and displays them. Later entries with the
    /// same key replace earlier ones in place, as in the Python dict.
    public func entries(for global: GlobalAssets) -> [AssetEntry] {
        var entries: [AssetEntry] = []
        var positions: [String: Int] = [:]
        func add(_ entry: AssetEntry) {
            if let at = positions[entry.key] {
                entries[at] = entry
            } else {
                positions[entry.key] = entries.count
                entries.append(entry)
            }
        }
        for slot in global.slots {
            switch slot.value {
            case .info(let info) where !info.isEmptyRecord: add(slotEntry(kind: slot.kind, info: info))
            case .display(let display) where !display.isEmpty: add(self.entries(key: slot.kind, value: slot.value)[0])
            default: continue  // falsy (`{}`, "") is skipped, as `if not info` does
            }
        }
        for list in global.lists {
            var slotInfo: AssetInfo?
            if !GlobalAssets.plainListKinds.contains(list.kind),
                case .info(let info)? = global.slots.first(where: { $0.kind == list.kind })?.value,
                !info.isEmptyRecord
            {
                slotInfo = info
            }
            for info in list.values where !(slotInfo.map(info.isSameAsset(as:)) ?? false) {
                add(listEntry(kind: list.kind, info: info))
            }
        }
        return entries
    }

    /// A single slot: key `<kind>`, display by the info rule, replaced by the override `<kind>:<name>`
    /// (`<kind>:None` when the info has no name, as Python prints it).
    func slotEntry(kind: String, info: AssetInfo) -> AssetEntry {
        let override = overrides["\(kind):\(info.name ?? "None")"]
        return make(
            key: kind, kind: kind, keyName: nil, display: override ?? AssetDisplay.format(info), info: info,
            overridden: override != nil)
    }

    /// A list entry, by its kind's rule:
    /// - `tool:<name or tool_name or asset_id or "tool">`, `query:<name or asset_id or "query">`,
    ///   `screen:<screen_id or asset_id or "screen">`: displayed `<id> (v<version>)` (a screen by
    ///   `screen_id or name or id`), no fallback rule, replaced by the override of the same key;
    /// - `prompt:<name or "prompt">`, `policy:<name or policy_type or "policy">`,
    ///   `mapping:<name or mapping_type or "mapping">` (and a list kind not named yet, by `name or kind`):
    ///   displayed by the info rule, never overridden.
    func listEntry(kind: String, info: AssetInfo) -> AssetEntry {
        let keyName: String
        var displayName: String?
        switch kind {
        case "tool": keyName = Self.first(info.name, info.toolName, info.assetID) ?? kind
        case "query": keyName = Self.first(info.name, info.assetID) ?? kind
        case "screen":
            keyName = Self.first(info.screenID, info.assetID) ?? kind
            displayName = Self.first(info.screenID, info.name) ?? keyName
        case "policy": keyName = Self.first(info.name, info.policyType) ?? kind
        case "mapping": keyName = Self.first(info.name, info.mappingType) ?? kind
        default: keyName = Self.first(info.name) ?? kind
        }
        let key = "\(kind):\(keyName)"
        guard GlobalAssets.plainListKinds.contains(kind) else {
            return make(
                key: key, kind: kind, keyName: keyName, display: AssetDisplay.format(info), info: info,
                overridden: false)
        }
        let override = overrides[key]
        let display = override ?? AssetDisplay.versioned(displayName ?? keyName, info.version)
        return make(key: key, kind: kind, keyName: keyName, display: display, info: info, overridden: override != nil)
    }

    /// A recorded stage `key → value` pair as entries: a display string as it is; a raw info
    /// formatted by the rule of its key's kind; a list under a list key one entry per element
    /// (a display's key from its name); any other value one entry shown as JSON text.
    public func entries(key: String, value: AssetValue) -> [AssetEntry] {
        let (kind, keyName) = AssetKey.split(key)
        switch value {
        case .display(let display):
            return [make(key: key, kind: kind, keyName: keyName, display: display, info: nil, overridden: false)]
        case .info(let info):
            var derived = keyName == nil ? slotEntry(kind: kind, info: info) : listEntry(kind: kind, info: info)
            derived.key = key
            derived.keyName = keyName
            return [derived]
        case .list(let items):
            let listKind = GlobalAssets.listKind(ofKey: key) ?? kind
            return items.map { item in
                switch item {
                case .display(let display):
                    let name = AssetDisplay.parse(display).name
                    return make(
                        key: "\(listKind):\(name)", kind: listKind, keyName: name, display: display, info: nil,
                        overridden: false)
                case .info(let info): return listEntry(kind: listKind, info: info)
                case .list, .unexpected:
                    let text = Self.jsonText(item)
                    return make(
                        key: "\(listKind):\(text)", kind: listKind, keyName: text, display: text, info: nil,
                        overridden: false)
                }
            }
        case .unexpected:
            return [
                make(
                    key: key, kind: kind, keyName: keyName, display: Self.jsonText(value), info: nil, overridden: false)
            ]
        }
    }

    /// Python's `a or b or c` over optional strings: the first one present and not empty.
    static func first(_ candidates: String?...) -> String? {
        candidates.lazy.compactMap { $0 }.first { !$0.isEmpty }
    }

    /// An odd value as compact JSON text, the way the page and `summary.json` show it.
    static func jsonText(_ value: AssetValue) -> String {
        switch value {
        case .unexpected(let json): json.compactJSON
        case .display(let display): JSONValue.string(display).compactJSON
        case .info: "{…}"
        case .list(let items): "[" + items.map(jsonText).joined(separator: ",") + "]"
        }
    }

    private func make(key: String, kind: String, keyName: String?, display: String, info: AssetInfo?, overridden: Bool)
        -> AssetEntry
    {
        let parsed = AssetDisplay.parse(display)
        let version = info?.version?.text ?? parsed.version
        let inferred =
            info?.source.isInferred ?? Self.isExportToolRename(key: key, kind: kind, keyName: keyName, display: display)
        // A raw info's source is definite; the trace-wide `fallbacks[kind]` flag only speaks for displays without one.
        let byFlag = info == nil && !inferred && !parsed.isFallback && fallbacks[kind] == true
        var entry = AssetEntry(
            key: key, kind: kind, keyName: keyName, name: parsed.name, version: version, display: display,
            isFallback: parsed.isFallback || (info?.source.isFallback ?? false) || byFlag,
            isOverride: overridden || (info == nil && isOverride(key: key, kind: kind, display: display)),
            sourceIsNull: info?.source == .null)
        entry.fallbackFromKindFlag = byFlag
        entry.isInferred = inferred
        entry.assetID = info?.assetID
        return entry
    }

    /// The API export renames a stage's tools to `tool:01`, `tool:02`, … holding bare names (no version):
    /// no orchestrator writes such a key.
    static func isExportToolRename(key: String, kind: String, keyName: String?, display: String) -> Bool {
        guard kind == "tool", let keyName, !keyName.isEmpty, keyName.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return false
        }
        let parsed = AssetDisplay.parse(display)
        return parsed.version == nil && !parsed.isFallback
    }

    /// Whether an override produced this recorded display, by the rules that apply them: a single
    /// slot by any entry `"<kind>:<name>"` of its kind with this value; a tool, query or screen by the
    /// entry of its own key with this value; prompt, policy and mapping list entries never.
    func isOverride(key: String, kind: String, display: String) -> Bool {
        if key == kind {
            return overrides.contains { overrideKey, value in
                value == display && overrideKey.hasPrefix(kind + ":")
            }
        }
        return GlobalAssets.plainListKinds.contains(kind) && overrides[key] == display
    }
}

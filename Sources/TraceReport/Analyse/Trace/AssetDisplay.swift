/// The orchestrator's display strings, both ways: formatting a raw asset info
/// exactly as its Python does, and reading name and version back out of a display.
public enum AssetDisplay {
    /// The suffix the orchestrator appends to fallback assets.
    public static let fallbackSuffix = " (fallback)"
    /// The suffix shown for an info the API export back-filled (`"source": "inferred"`).
    public static let inferredSuffix = " (inferred)"

    /// `name or screen_id or "unknown"`, with Python's truthiness (empty strings fall through).
    public static func name(of info: AssetInfo) -> String {
        for candidate in [info.name, info.screenID] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return "unknown"
    }

    /// The display of a single slot or a prompt/policy/mapping list entry:
    /// `<name> (fallback)` when the source is present and not the registry,
    /// else `<name> (v<version>)` when a version is set, else `<name>`.
    public static func format(_ info: AssetInfo) -> String {
        let name = name(of: info)
        if info.source.isInferred { return name + inferredSuffix }
        if info.source.isFallback { return name + fallbackSuffix }
        return versioned(name, info.version)
    }

    /// `<name> (v<version>)` when a version is set, else `<name>`: how queries, screens and tools are
    /// displayed (no fallback rule), and the last step of `format`.
    public static func versioned(_ name: String, _ version: AssetVersion?) -> String {
        guard let version else { return name }
        return "\(name) (v\(version.text))"
    }

    /// Reads `cpu_usage (v1)` as (`cpu_usage`, `1`, false) and `metric_alias (fallback)` as (`metric_alias`, nil, true).
    public static func parse(_ display: String) -> (name: String, version: String?, isFallback: Bool) {
        if display.hasSuffix(fallbackSuffix) {
            return (String(display.dropLast(fallbackSuffix.count)), nil, true)
        }
        if display.hasSuffix(inferredSuffix) {
            return (String(display.dropLast(inferredSuffix.count)), nil, false)
        }
        if display.hasSuffix(")"), let open = lastVersionOpening(in: display) {
            let version = display[open.upperBound..<display.index(before: display.endIndex)]
            return (String(display[..<open.lowerBound]), String(version), false)
        }
        return (display, nil, false)
    }

    /// Where ` (v` last starts and ends in `display`, character by character (what Foundation's
    /// `range(of:options: .backwards)` found, without its cost: a tenth of a trace's analysis).
    private static func lastVersionOpening(in display: String) -> Range<String.Index>? {
        var end = display.endIndex
        while end > display.startIndex {
            let v = display.index(before: end)
            if display[v] == "v", v > display.startIndex {
                let paren = display.index(before: v)
                if display[paren] == "(", paren > display.startIndex {
                    let space = display.index(before: paren)
                    if display[space] == " " { return space..<end }
                }
            }
            end = v
        }
        return nil
    }
}

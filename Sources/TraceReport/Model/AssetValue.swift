/// A value of a stage's `applied_assets` map. The orchestrator writes one
/// display string per key; traces seen in practice also hold raw infos, lists
/// of displays under a list kind, and the odd value of another type.
public enum AssetValue: Sendable, Equatable {
    /// A display string as the orchestrator formatted it: `cpu_usage (v1)`.
    case display(String)
    /// A raw asset info, formatted by the orchestrator's rules.
    case info(AssetInfo)
    /// A list under a list kind (`"queries": ["query1 (v2)", "query2 (v1)"]`): one asset per element.
    case list([AssetValue])
    /// Anything else (a number, a boolean, `null`, a list where no list belongs): shown as JSON text.
    case unexpected(JSONValue)

    /// True for the shapes the orchestrator itself writes (a display string or a raw info).
    public var isExpectedShape: Bool {
        switch self {
        case .display, .info: true
        case .list, .unexpected: false
        }
    }
}

/// Where an asset came from, keeping the difference between a missing
/// `source` field and one present as `null` (the orchestrator treats them differently).
public enum AssetSource: Sendable, Equatable {
    case absent
    case null
    case named(String)

    /// The registry source name the orchestrator compares against.
    public static let registry = "asset_registry"

    /// True when the orchestrator's rule (`"source" in info and source != "asset_registry"`) says fallback.
    public var isFallback: Bool {
        switch self {
        case .absent: false
        case .null: true
        case .named(let name): name != Self.registry
        }
    }
}

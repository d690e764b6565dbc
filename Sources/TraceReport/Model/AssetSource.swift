/// Where an asset came from, keeping the difference between a missing
/// `source` field and one present as `null` (the orchestrator treats them differently).
public enum AssetSource: Sendable, Equatable {
    case absent
    case null
    case named(String)

    /// The registry source name the orchestrator compares against.
    public static let registry = "asset_registry"
    /// What the inspector API's trace export (`GET /inspector/traces/{id}`) writes into the infos it
    /// back-fills where a stage recorded nothing: no orchestrator ever writes it.
    public static let inferred = "inferred"

    /// The source as Python prints it: the name, `None` for null or absent.
    public var text: String {
        if case .named(let name) = self { return name }
        return "None"
    }

    /// An info the export back-filled: not a recorded asset, and not a fallback either.
    public var isInferred: Bool { self == .named(Self.inferred) }

    /// True when the orchestrator's rule (`"source" in info and source != "asset_registry"`) says fallback.
    public var isFallback: Bool {
        switch self {
        case .absent: false
        case .null: true
        case .named(let name): name != Self.registry && name != Self.inferred
        }
    }
}

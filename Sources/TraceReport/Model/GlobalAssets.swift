/// A trace's global `applied_assets`: single slots (`prompt`, `policy`, ...)
/// and lists (`queries`, `screens`, `tools`, ...), in either shape seen in practice or a mix.
public struct GlobalAssets: Sendable, Equatable {
    /// One asset per kind, in canonical order (`prompt, policy, mapping, source, schema, catalog, resolver`, then others by name).
    public var slots: [(kind: String, value: AssetValue)]
    /// Lists by their kind (`query`, `screen`, ...), in canonical order.
    public var lists: [(kind: String, field: String, values: [AssetInfo])]

    /// Creates global assets from already ordered slots and lists.
    public init(
        slots: [(kind: String, value: AssetValue)] = [],
        lists: [(kind: String, field: String, values: [AssetInfo])] = []
    ) {
        self.slots = slots
        self.lists = lists
    }

    /// True when no slot and no list entry holds an asset.
    public var isEmpty: Bool { slots.isEmpty && lists.allSatisfy { $0.values.isEmpty } }

    public static func == (lhs: GlobalAssets, rhs: GlobalAssets) -> Bool {
        lhs.slots.map(\.kind) == rhs.slots.map(\.kind) && lhs.slots.map(\.value) == rhs.slots.map(\.value)
            && lhs.lists.map(\.kind) == rhs.lists.map(\.kind) && lhs.lists.map(\.values) == rhs.lists.map(\.values)
    }

    /// Single-slot kinds in the order the orchestrator declares them.
    public static let slotOrder = ["prompt", "policy", "mapping", "source", "schema", "catalog", "resolver"]
    /// List fields and the kind their keys use, in the order the orchestrator declares them.
    public static let listKinds: [(field: String, kind: String)] = [
        ("queries", "query"), ("screens", "screen"), ("prompts", "prompt"),
        ("policies", "policy"), ("mappings", "mapping"), ("tools", "tool"),
    ]

    /// Kinds whose list entries are displayed `<name> (v<version>)` without the fallback rule, and keyed by their own id chain.
    public static let plainListKinds: Set<String> = ["query", "screen", "tool"]

    /// The key kind of a global list field: `queries` → `query`; a field the orchestrator has not named yet by its singular (`catalogs` → `catalog`).
    public static func listKind(ofField field: String) -> String {
        if let known = listKinds.first(where: { $0.field == field }) { return known.kind }
        if field.hasSuffix("ies") { return String(field.dropLast(3)) + "y" }
        if field.hasSuffix("s") { return String(field.dropLast()) }
        return field
    }

    /// The kind a list under this stage `applied_assets` key stands for (`queries`, `tools`, `query`, ...), or nil when no list belongs there.
    public static func listKind(ofKey key: String) -> String? {
        if let known = listKinds.first(where: { $0.field == key }) { return known.kind }
        return plainListKinds.contains(key) ? key : nil
    }
}

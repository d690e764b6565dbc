/// A pipeline to re-run: the registry snapshot its assets resolve from, the
/// fallbacks used when the registry lacks one, overrides, and the queries
/// with the assets each stage uses. Read from JSON by `PipelineSpecLoader`.
public struct PipelineSpec: Sendable, Equatable {
    /// One asset of the registry snapshot.
    public struct RegistryAsset: Sendable, Equatable {
        public var kind: String
        public var name: String
        public var assetID: String
        public var versions: [AssetVersion]
        /// The version the registry serves.
        public var active: AssetVersion
    }

    /// An asset the registry lacks, served from a fallback source.
    public struct Fallback: Sendable, Equatable {
        public var kind: String
        public var name: String
        public var source: String
    }

    /// An asset a stage uses: `kind:name`.
    public struct AssetRef: Sendable, Equatable, Hashable, CustomStringConvertible {
        public var kind: String
        public var name: String
        public var description: String { "\(kind):\(name)" }
    }

    /// One golden query.
    public struct Query: Sendable, Equatable {
        public var id: String
        public var category: String
        public var question: String
        public var route: String
        /// Asset kinds the request must capture (checked as `expected-asset-missing`).
        public var expectedAssets: [String]
        /// `kind:name` → display, merged over the spec's own overrides.
        public var overrides: [String: String]
        /// Stage → the assets it resolves, in order; stages run in the route's order.
        public var stages: [String: [AssetRef]]
        /// Assets the planner resolves for the request itself, outside any stage: all a direct or
        /// reject answer, which runs no stage, records (in its global `applied_assets` only).
        public var requestAssets: [AssetRef] = []
    }

    public var name: String
    /// When the first request was recorded; request N is N minutes later.
    public var recordedAt: String
    /// Route → the stages it runs, in order.
    public var routes: [String: [String]]
    public var registry: [RegistryAsset]
    public var fallbacks: [Fallback]
    public var overrides: [String: String]
    public var queries: [Query]

    /// The pipeline's stages, in order.
    public static let stageOrder = ["route_plan", "validate", "execute", "compose", "present"]
    /// Which stages each route runs unless the spec says otherwise: the orchestrated route (`orch` in
    /// real rows, `plan` in older notes) runs all five; direct and reject answers run none.
    public static let defaultRoutes: [String: [String]] = [
        "orch": stageOrder, "plan": stageOrder, "direct": [], "reject": [],
    ]
    /// Kinds tracked as lists (`query:<name>` keys); every other kind is a single slot.
    public static let listKinds: Set<String> = ["query", "screen", "tool"]
}

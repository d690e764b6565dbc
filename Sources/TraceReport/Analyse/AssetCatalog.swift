/// The assets of a whole batch, the reverse of a trace page: for every key, the
/// displays it resolved to and in how many traces, the stages it was used in, its
/// fallbacks and overrides, and the traces behind each (the first `listLimit`, with a
/// count of the rest). Built one trace at a time in input order from the index rows,
/// so memory grows with the number of distinct assets, not of traces.
public struct AssetCatalog: Sendable {
    /// How many traces a list keeps by name; the rest are counted.
    public static let listLimit = 1000

    /// A trace as an asset page links it.
    public struct TraceRef: Sendable, Equatable {
        public var traceID: String
        /// `traces/<name>`, without extension.
        public var page: String
    }

    /// The first `listLimit` traces of a list, and how many there were.
    public struct TraceList: Sendable {
        public private(set) var first: [TraceRef] = []
        public private(set) var count = 0

        mutating func add(_ ref: TraceRef) {
            count += 1
            if first.count < AssetCatalog.listLimit { first.append(ref) }
        }
    }

    /// One display an asset key resolved to (`ci_compose_prompt (v2)`).
    public struct Display: Sendable {
        public var display: String
        /// The name and version read from the display.
        public var name: String
        public var version: String?
        public var isFallback: Bool
        public var traces = TraceList()
        /// Traces per stage (nil: global only), in the order first seen, with the first trace of each.
        public var stages: [(stage: String?, count: Int, first: String)] = []
        var stageIndex = SmallIndex<String?>()

        /// `v2`, `fallback` or `unversioned`.
        public var label: String { isFallback ? "fallback" : version.map { "v" + $0 } ?? "unversioned" }
    }

    /// One asset key across the batch.
    public struct Asset: Sendable {
        public var key: String
        public var kind: String
        /// Traces that used the key (in a stage or only globally).
        public var traces = 0
        /// Displays in the order first seen.
        public var displays: [Display] = []
        /// Stages in the order first seen, with how many traces used the key there.
        public var stages: [(name: String, traces: Int)] = []
        var displayIndex = SmallIndex<String>()
        var stageIndex = SmallIndex<String>()
        public var fallbacks = TraceList()
        public var overrides = TraceList()
        /// Traces whose global `applied_assets` list the key while no stage recorded it.
        public var globalOnly = TraceList()
    }

    /// Assets in the order first seen, and where each key stands: updated in place, since copying an
    /// asset out of a dictionary and back copies its trace lists on every use.
    private var list: [Asset] = []
    private var positions: [String: Int] = [:]

    /// How many asset keys the batch holds.
    public var count: Int { list.count }

    /// Creates an empty catalog.
    public init() {}

    /// Adds one trace's asset uses (from its index row).
    public mutating func add(_ uses: [AssetUse], traceID: String, page: String) {
        let ref = TraceRef(traceID: traceID, page: page)
        // What this trace already counted, so that each count is one per trace.
        var counted = SmallIndex<Counted>()
        func first(_ asset: Int, _ what: UInt8, _ display: Int = -1, _ stage: String? = nil) -> Bool {
            counted.insert(Counted(asset: asset, what: what, display: display, stage: stage))
        }
        for use in uses {
            let i: Int
            if let at = positions[use.key] { i = at } else {
                i = list.count
                positions[use.key] = i
                list.append(Asset(key: use.key, kind: use.kind))
            }
            if first(i, 0) { list[i].traces += 1 }
            let d: Int
            if let at = list[i].displayIndex.position(of: use.display) { d = at } else {
                let parsed = AssetDisplay.parse(use.display)
                list[i].displays.append(Display(display: use.display, name: parsed.name, version: use.version ?? parsed.version, isFallback: use.isFallback))
                d = list[i].displayIndex.append(use.display)
            }
            if first(i, 1, d) { list[i].displays[d].traces.add(ref) }
            if first(i, 2, d, use.stage ?? "\u{1}") {
                if let at = list[i].displays[d].stageIndex.position(of: use.stage) {
                    list[i].displays[d].stages[at].count += 1
                } else {
                    list[i].displays[d].stages.append((use.stage, 1, traceID))
                    list[i].displays[d].stageIndex.append(use.stage)
                }
            }
            if let stage = use.stage {
                if first(i, 3, -1, stage) {
                    if let at = list[i].stageIndex.position(of: stage) {
                        list[i].stages[at].traces += 1
                    } else {
                        list[i].stages.append((stage, 1))
                        list[i].stageIndex.append(stage)
                    }
                }
            } else if first(i, 4) {
                list[i].globalOnly.add(ref)
            }
            if use.isFallback, first(i, 5) { list[i].fallbacks.add(ref) }
            if use.isOverride, first(i, 6) { list[i].overrides.add(ref) }
        }
    }

    /// One thing a trace counted: for an asset, its traces (0), a display's traces (1) and stages (2),
    /// the asset's stages (3), global-only (4), fallbacks (5), overrides (6).
    private struct Counted: Hashable, Sendable {
        var asset: Int
        var what: UInt8
        var display: Int
        var stage: String?
    }

    /// Every asset, sorted by kind, then key.
    public var sorted: [Asset] { list.sorted { ($0.kind, $0.key) < ($1.kind, $1.key) } }
}

/// The assets of a whole batch, the reverse of a trace page: for every key, the
/// displays it resolved to and in how many traces, the stages it was used in, its
/// fallbacks and overrides, and the traces behind each (the first `listLimit`, with a
/// count of the rest). Built one trace at a time in input order from the traces' digests,
/// so memory grows with the number of distinct assets, not of traces.
public struct AssetCatalog: BatchAggregate, Sendable {
    /// How many traces a list keeps by name; the rest are counted.
    public static let listLimit = 1000

    /// A trace as an asset page links it.
    public struct TraceRef: Sendable, Equatable {
        public var traceID: String
        /// The trace's name in the batch (`TraceDigest.name`), which names its page.
        public var name: String
    }

    /// The first `listLimit` traces of a list, and how many there were.
    public struct TraceList: Sendable {
        /// Where each listed trace stands in the catalog's `TraceRefs`: a trace is in many lists (each
        /// display, stage, fallback list of its assets), and its two strings in each were most of the
        /// catalog's memory at 100,000 traces.
        var positions: [Int32] = []
        var refs: TraceRefs?
        public internal(set) var count = 0

        public var first: [TraceRef] { refs.map { refs in positions.map { refs[$0] } } ?? [] }

        /// Counts a trace; keeps it (`position()` puts it in `refs`) while the list has room.
        mutating func add(of refs: TraceRefs, _ position: () -> Int32) {
            count += 1
            if positions.count < AssetCatalog.listLimit {
                if self.refs == nil { self.refs = refs }
                positions.append(position())
            }
        }
    }

    /// Every trace some list keeps, each once, in the order first listed. Only appended to, and only
    /// while the catalog is built (in input order, on one thread); read once it is complete.
    final class TraceRefs: @unchecked Sendable {
        private(set) var refs: [TraceRef] = []

        subscript(_ position: Int32) -> TraceRef { refs[Int(position)] }

        func append(_ ref: TraceRef) -> Int32 {
            refs.append(ref)
            return Int32(refs.count - 1)
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
        /// The last trace (`AssetCatalog.serial`) counted in `traces`, and in each of `stages`.
        var countedIn = 0
        var stagesCountedIn: [Int] = []

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
        /// The last trace (`AssetCatalog.serial`) counted in `traces`, each of `stages`, `globalOnly`, `fallbacks` and `overrides`.
        var countedIn = 0
        var stagesCountedIn: [Int] = []
        var globalOnlyCountedIn = 0
        var fallbacksCountedIn = 0
        var overridesCountedIn = 0
        public var fallbacks = TraceList()
        public var overrides = TraceList()
        /// Traces whose global `applied_assets` list the key while no stage recorded it.
        public var globalOnly = TraceList()
    }

    /// Assets in the order first seen, and where each key stands: updated in place, since copying an
    /// asset out of a dictionary and back copies its trace lists on every use.
    var list: [Asset] = []
    var positions: [String: Int] = [:]
    var refs = TraceRefs()
    /// The number of the trace being added (1, 2, ...): each count remembers the last trace it counted,
    /// so that a trace counts once however often it uses an asset, with no per-trace set to fill.
    var serial = 0

    /// How many asset keys the batch holds.
    public var count: Int { list.count }

    /// Creates an empty catalog.
    public init() {}

    /// Adds one trace's asset uses.
    public mutating func add(_ trace: TraceDigest) {
        let traceID = trace.traceID
        serial += 1
        let t = serial
        // The trace goes into the shared refs once, when a list first keeps it: past the lists' limit, never.
        var position: Int32?
        let refs = refs
        func ref() -> Int32 {
            if let position { return position }
            let p = refs.append(TraceRef(traceID: traceID, name: trace.name))
            position = p
            return p
        }
        for use in trace.assets {
            let i = self.position(of: use.key, kind: use.kind)
            if list[i].countedIn != t {
                list[i].countedIn = t
                list[i].traces += 1
            }
            let d: Int
            if let at = list[i].displayIndex.position(of: use.display) {
                d = at
            } else {
                let parsed = AssetDisplay.parse(use.display)
                list[i].displays.append(
                    Display(
                        display: use.display, name: parsed.name, version: use.version ?? parsed.version,
                        isFallback: use.isFallback))
                d = list[i].displayIndex.append(use.display)
            }
            if list[i].displays[d].countedIn != t {
                list[i].displays[d].countedIn = t
                list[i].displays[d].traces.add(of: refs, ref)
            }
            if let at = list[i].displays[d].stageIndex.position(of: use.stage) {
                if list[i].displays[d].stagesCountedIn[at] != t {
                    list[i].displays[d].stagesCountedIn[at] = t
                    list[i].displays[d].stages[at].count += 1
                }
            } else {
                list[i].displays[d].stages.append((use.stage, 1, traceID))
                list[i].displays[d].stagesCountedIn.append(t)
                list[i].displays[d].stageIndex.append(use.stage)
            }
            if let stage = use.stage {
                if let at = list[i].stageIndex.position(of: stage) {
                    if list[i].stagesCountedIn[at] != t {
                        list[i].stagesCountedIn[at] = t
                        list[i].stages[at].traces += 1
                    }
                } else {
                    list[i].stages.append((stage, 1))
                    list[i].stagesCountedIn.append(t)
                    list[i].stageIndex.append(stage)
                }
            } else if list[i].globalOnlyCountedIn != t {
                list[i].globalOnlyCountedIn = t
                list[i].globalOnly.add(of: refs, ref)
            }
            if use.isFallback, list[i].fallbacksCountedIn != t {
                list[i].fallbacksCountedIn = t
                list[i].fallbacks.add(of: refs, ref)
            }
            if use.isOverride, list[i].overridesCountedIn != t {
                list[i].overridesCountedIn = t
                list[i].overrides.add(of: refs, ref)
            }
        }
    }

    /// Where the asset with `key` stands in `list`, appended (of `kind`, worked out only then) when it is new.
    mutating func position(of key: String, kind: @autoclosure () -> String) -> Int {
        if let at = positions[key] { return at }
        positions[key] = list.count
        list.append(Asset(key: key, kind: kind()))
        return list.count - 1
    }

    /// Every asset, sorted by kind, then key.
    public var sorted: [Asset] { list.sorted { ($0.kind, $0.key) < ($1.kind, $1.key) } }
}

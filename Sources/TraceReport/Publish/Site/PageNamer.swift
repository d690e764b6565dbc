/// Gives every trace page a file name that is safe on any disk and server:
/// only `[A-Za-z0-9._-]`, at most 120 bytes, never starting with a dot, and
/// unique within a build (also for duplicate ids, and ignoring case, so the
/// site survives a copy to a case-insensitive disk). A name never holds a
/// path separator, so a page can never land outside the site's `traces/`.
public struct PageNamer: Sendable {
    /// The longest name handed out, in bytes.
    public static let maxLength = 120
    static let baseLimit = 90

    /// Each name handed out, with a hash of the id it went to: a later trace with the same
    /// id meets it on its way to a free name, which tells a repeated id from a name clash.
    private var used: NameTable
    /// How often each id seen more than once has been seen.
    private var repeats: [String: Int] = [:]

    /// Creates a namer for one build that keeps every name in memory.
    public init() { used = NameTable() }

    /// Creates a namer for one build that moves the names it holds to a temporary file past a few
    /// mebibytes of them (see `NameTable`), for a build of any number of traces in flat memory.
    public init(spilling: Bool) { used = NameTable(spills: spilling) }

    /// Creates a namer over `table` (tests give one with small blocks).
    init(table: NameTable) { used = table }

    /// The page of the trace named `name`: `traces/<name>`, without extension.
    public static func tracePage(_ name: String) -> String { "traces/" + name }

    /// The name for the next trace with this id (without extension), from a namer that keeps its names in
    /// memory (`init()`), which reads no file and so cannot fail.
    public mutating func name(for traceID: String) -> String {
        precondition(!used.spills, "name(for:) is for a namer that keeps its names in memory; use place(_:)")
        do { return try place(traceID).name } catch { preconditionFailure("a namer in memory read a file: \(error)") }
    }

    /// The name for the next trace with this id, and which trace with this id it is (1 for the first):
    /// traces sharing an id get distinct titles from it.
    /// Throws only when names moved to a temporary file cannot be read back.
    public mutating func place(_ traceID: String) throws(PublishError) -> (name: String, occurrence: Int) {
        let base = Self.base(for: traceID)
        let hash = StableHash.value(traceID)
        var candidate = base
        var n = 2
        var seen = false
        // Names are ASCII (see `base`): the table compares them ignoring ASCII case.
        while let owner = try used.claim(Array(candidate.utf8), owner: hash) {
            seen = seen || owner == hash
            candidate = "\(base)-\(n)"
            n += 1
        }
        guard seen else { return (candidate, 1) }
        let occurrence = repeats[traceID, default: 1] + 1
        repeats[traceID] = occurrence
        return (candidate, occurrence)
    }

    /// Whether a trace of this build was given `name` exactly (the same case too).
    func hasName(_ name: some Collection<UInt8>) throws(PublishError) -> Bool { try used.contains(exactly: name) }

    /// How many names were handed out.
    var count: Int { used.count }

    /// Each name handed out, in the order it was.
    func forEachName(_ body: (String) throws(PublishError) -> Void) throws(PublishError) {
        try used.forEachName { name throws(PublishError) in try body(String(decoding: name, as: UTF8.self)) }
    }

    /// The id itself when it is already safe and short; otherwise its safe
    /// characters (others as `_`) plus a hash of the whole id, so distinct ids
    /// that differ only in replaced characters still get distinct names.
    static func base(for traceID: String) -> String {
        // Byte by byte, each scalar that is not kept one `_`: Unicode's property tables for an ASCII letter
        // were 1% of an incremental build, which names every trace again.
        var safe: [UInt8] = []
        safe.reserveCapacity(traceID.utf8.count)
        var lossy = false
        for scalar in traceID.unicodeScalars {
            let v = scalar.value
            let allowed =
                (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) || (0x30...0x39).contains(v) || v == 0x2D
                || v == 0x5F || v == 0x2E
            if allowed && !(safe.isEmpty && v == 0x2E) {
                safe.append(UInt8(v))
            } else {
                safe.append(UInt8(ascii: "_"))
                lossy = true
            }
        }
        let safeText = String(decoding: safe, as: UTF8.self)
        if !lossy && !safe.isEmpty && safe.count <= baseLimit { return safeText }
        let stem = safe.isEmpty ? "trace" : String(decoding: safe.prefix(baseLimit), as: UTF8.self)
        return stem + "-" + StableHash.hex(traceID)
    }
}

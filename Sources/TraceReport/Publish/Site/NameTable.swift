/// The page names a build has handed out, each with a hash of the id it went to, held exactly (unique
/// ignoring ASCII case, kept as handed out) but in a few flat arrays: the names' bytes one after another
/// in blocks of a mebibyte (filled, never grown, so the largest part has no spare capacity and is never
/// copied), and an open-addressed table of positions.
/// A dictionary of strings cost about 100 bytes per trace in small allocations that outlive the pages
/// around them (heaptrack, 150,000 rows from the database); this holds the name and 13 bytes more, and
/// 4 to 8 for its slot. Names are at most 255 bytes (`PageNamer` gives at most 120).
struct NameTable: Sendable {
    static let blockSize = 1 << 20
    /// The names' bytes, one after another; a name never spans two blocks.
    private var blocks: [[UInt8]] = []
    /// Where each name starts: block × `blockSize` + offset.
    private var starts: [UInt32] = []
    private var lengths: [UInt8] = []
    /// The hash of the id each name went to.
    private var owners: [UInt64] = []
    /// Entry numbers + 1 (positions in `starts`), by the name's hash; 0 is a free slot. At most half full.
    private var slots = [UInt32](repeating: 0, count: 64)

    /// How many names the table holds.
    var count: Int { owners.count }

    /// The owner of `name` (or of a name that differs from it only in ASCII case) when it was handed out
    /// already; otherwise records that it now goes to the id with hash `owner`, and returns nil. One probe
    /// either way.
    mutating func claim(_ name: [UInt8], owner: UInt64) -> UInt64? {
        precondition(name.count <= Int(UInt8.max), "a page name is at most 255 bytes")
        if (count + 1) * 2 > slots.count { grow() }
        let (slot, entry) = find(name)
        if let entry { return owners[entry] }
        if blocks.isEmpty || blocks[blocks.count - 1].count + name.count > Self.blockSize {
            blocks.append([])
            blocks[blocks.count - 1].reserveCapacity(Self.blockSize)
        }
        starts.append(UInt32((blocks.count - 1) * Self.blockSize + blocks[blocks.count - 1].count))
        blocks[blocks.count - 1].append(contentsOf: name)
        lengths.append(UInt8(name.count))
        owners.append(owner)
        slots[slot] = UInt32(count)
        return nil
    }

    /// Whether `name` was handed out exactly so (the same case too).
    func contains(exactly name: some Collection<UInt8>) -> Bool {
        guard name.count <= Int(UInt8.max), let entry = find(Array(name)).entry else { return false }
        return self.name(entry).elementsEqual(name)
    }

    /// Each name handed out, in the order it was.
    func forEachName(_ body: (ArraySlice<UInt8>) throws -> Void) rethrows {
        for entry in 0..<count { try body(name(entry)) }
    }

    /// The slot that holds `name` ignoring case, or the free slot where it would go.
    private func find(_ name: [UInt8]) -> (slot: Int, entry: Int?) {
        let mask = slots.count - 1
        var slot = Self.hash(name[...]) & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if self.name(entry).elementsEqual(name, by: { Self.folded($0) == Self.folded($1) }) { return (slot, entry) }
            slot = (slot + 1) & mask
        }
        return (slot, nil)
    }

    /// A byte with ASCII upper case folded to lower case.
    private static func folded(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    private func name(_ entry: Int) -> ArraySlice<UInt8> {
        let start = Int(starts[entry])
        let offset = start % Self.blockSize
        return blocks[start / Self.blockSize][offset..<offset + Int(lengths[entry])]
    }

    private mutating func grow() {
        var larger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in 0..<count {
            var slot = Self.hash(name(entry)) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = UInt32(entry + 1)
        }
        slots = larger
    }

    /// Where a name's probe starts: a hash of its case-folded bytes. Swift's `Hasher` is seeded per process,
    /// so ids made to collide cannot slow every build down; it changes only where names sit in the table,
    /// never which names are taken.
    private static func hash(_ name: ArraySlice<UInt8>) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(name.count, 1)) { folded in
            for (i, byte) in name.enumerated() { folded[i] = Self.folded(byte) }
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(folded)[..<name.count]))
            return hasher.finalize()
        }
    }
}

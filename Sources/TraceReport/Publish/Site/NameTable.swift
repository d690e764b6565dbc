import Foundation

/// The page names a build has handed out, each with a hash of the id it went to, held exactly (unique
/// ignoring ASCII case, kept as handed out). Each name is a record — the owner's hash, the length, the
/// bytes, padded to 8 — in blocks of a mebibyte (filled, never grown); past `keptBlocks` blocks the full
/// ones move to a `NameSpill` file, so memory holds only an open-addressed table of record positions and
/// one byte of each name's hash (5 bytes a slot, at most half full): about 10 MB for a million names,
/// where the names themselves held 41 bytes each.
/// A name is read back from the file only when its slot's hash byte matches: once when it is claimed again,
/// and one time in 256 for a slot passed on the way to a free one.
struct NameTable: Sendable {
    /// How large a block is; a record never spans two.
    let blockSize: Int
    /// How many blocks stay in memory before the full ones move to the spill.
    let keptBlocks: Int
    /// Whether full blocks may move to a spill file at all.
    let spills: Bool
    /// The blocks from `spilled` on; each holds whole records.
    private var blocks: [[UInt8]] = []
    /// How many leading blocks are in `spill`, and how many bytes of each are records.
    private var spilled = 0
    private var spilledFill: [Int] = []
    private var spill: NameSpill?
    /// Record positions ÷ 8, + 1, by the name's hash; 0 is a free slot. At most half full.
    private var slots = [UInt32](repeating: 0, count: 64)
    /// The top byte of the hash of the name in each slot.
    private var tags = [UInt8](repeating: 0, count: 64)
    /// How many names the table holds.
    private(set) var count = 0
    /// How many blocks of names are in the temporary file.
    var spilledBlocks: Int { spilled }

    /// A table that moves names to a temporary file once they fill `keptBlocks` blocks of `blockSize`
    /// bytes (when `spills`; never otherwise).
    init(spills: Bool = false, blockSize: Int = 1 << 20, keptBlocks: Int = 4) {
        precondition(blockSize >= 8 + 1 + Int(UInt8.max) + 7 && blockSize % 8 == 0 && keptBlocks >= 1)
        self.spills = spills
        self.blockSize = blockSize
        self.keptBlocks = keptBlocks
    }

    /// The owner of `name` (or of a name that differs from it only in ASCII case) when it was handed out
    /// already; otherwise records that it now goes to the id with hash `owner`, and returns nil.
    mutating func claim(_ name: [UInt8], owner: UInt64) throws(PublishError) -> UInt64? {
        precondition(name.count <= Int(UInt8.max), "a page name is at most 255 bytes")
        if (count + 1) * 2 > slots.count { try grow() }
        let hash = Self.hash(name[...])
        let (slot, found) = try find(name, hash: hash)
        if let found { return try record(found).owner }
        let size = (8 + 1 + name.count + 7) & ~7
        if blocks.isEmpty || blocks[blocks.count - 1].count + size > blockSize { try startBlock() }
        let position = (spilled + blocks.count - 1) * blockSize + blocks[blocks.count - 1].count
        precondition(position / 8 < Int(UInt32.max), "a build names at most a billion traces")
        withUnsafeBytes(of: owner.littleEndian) { blocks[blocks.count - 1].append(contentsOf: $0) }
        blocks[blocks.count - 1].append(UInt8(name.count))
        blocks[blocks.count - 1].append(contentsOf: name)
        blocks[blocks.count - 1].append(contentsOf: repeatElement(0, count: size - 9 - name.count))
        slots[slot] = UInt32(position / 8 + 1)
        tags[slot] = Self.tag(hash)
        count += 1
        return nil
    }

    /// Whether `name` was handed out exactly so (the same case too).
    func contains(exactly name: some Collection<UInt8>) throws(PublishError) -> Bool {
        let name = Array(name)
        guard name.count <= Int(UInt8.max), let found = try find(name, hash: Self.hash(name[...])).found else {
            return false
        }
        return try record(found).name.elementsEqual(name)
    }

    /// Each name handed out, in the order it was.
    func forEachName(_ body: (ArraySlice<UInt8>) throws(PublishError) -> Void) throws(PublishError) {
        try forEachRecord { _, name throws(PublishError) in try body(name) }
    }

    /// Each record's position and name, in order: blocks in the spill read whole, one at a time.
    private func forEachRecord(_ body: (Int, ArraySlice<UInt8>) throws(PublishError) -> Void) throws(PublishError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: spilled > 0 ? blockSize : 0, alignment: 8)
        defer { buffer.deallocate() }
        for block in 0..<(spilled + blocks.count) {
            let bytes: ArraySlice<UInt8>
            if block < spilled {
                let fill = spilledFill[block]
                try read(into: buffer.baseAddress!, count: fill, at: block * blockSize)
                bytes = Array(buffer[..<fill])[...]
            } else {
                bytes = blocks[block - spilled][...]
            }
            var at = bytes.startIndex
            while at < bytes.endIndex {
                let length = Int(bytes[at + 8])
                try body(block * blockSize + at, bytes[(at + 9)..<(at + 9 + length)])
                at += (9 + length + 7) & ~7
            }
        }
    }

    /// The slot that holds `name` ignoring case, with its record's position; or the free slot where it
    /// would go.
    private func find(_ name: [UInt8], hash: Int) throws(PublishError) -> (slot: Int, found: Int?) {
        let mask = slots.count - 1
        let tag = Self.tag(hash)
        var slot = hash & mask
        while slots[slot] != 0 {
            let position = (Int(slots[slot]) - 1) * 8
            if tags[slot] == tag,
                try record(position).name.elementsEqual(name, by: { Self.folded($0) == Self.folded($1) })
            {
                return (slot, position)
            }
            slot = (slot + 1) & mask
        }
        return (slot, nil)
    }

    /// The record at `position`: from memory, or read back from the spill.
    private func record(_ position: Int) throws(PublishError) -> (owner: UInt64, name: ArraySlice<UInt8>) {
        let block = position / blockSize
        if block >= spilled {
            let bytes = blocks[block - spilled]
            let at = position % blockSize
            let owner = bytes.withUnsafeBytes {
                UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            }
            return (owner, bytes[(at + 9)..<(at + 9 + Int(bytes[at + 8]))])
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 9 + Int(UInt8.max), alignment: 8)
        defer { buffer.deallocate() }
        try read(
            into: buffer.baseAddress!, count: min(buffer.count, spilledFill[block] - position % blockSize), at: position
        )
        let owner = UInt64(littleEndian: buffer.loadUnaligned(as: UInt64.self))
        return (owner, Array(buffer[9..<(9 + Int(buffer[8]))])[...])
    }

    private func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(PublishError) {
        guard let spill, spill.read(into: buffer, count: count, at: offset) else {
            throw PublishError(
                path: NSTemporaryDirectory(),
                reason:
                    "the page names this build moved to a temporary file there could not be read back; check that disk, or set TMPDIR to another folder"
            )
        }
    }

    /// Opens a new block; when `keptBlocks` are full, first moves them to the spill (unless it cannot be
    /// written, when they stay in memory: more memory, the same names).
    private mutating func startBlock() throws(PublishError) {
        if spills && blocks.count >= keptBlocks {
            // A spill another copy of the table still reads is copied before it is written; while no copy
            // can be made the blocks stay in memory, and the shared spill stays as it is.
            var writable: NameSpill?
            if spill == nil {
                spill = NameSpill()
                writable = spill
            } else if isKnownUniquelyReferenced(&spill) {
                writable = spill
            } else if let copy = spill!.copy(count: spilled * blockSize) {
                spill = copy
                writable = copy
            }
            if let spill = writable {
                var moved = 0
                while moved < blocks.count, spill.write(blocks[moved], at: (spilled + moved) * blockSize) {
                    moved += 1
                }
                spilledFill += blocks[..<moved].map(\.count)
                spilled += moved
                blocks.removeFirst(moved)
            }
        }
        blocks.append([])
        blocks[blocks.count - 1].reserveCapacity(blockSize)
    }

    private mutating func grow() throws(PublishError) {
        var larger = [UInt32](repeating: 0, count: slots.count * 2)
        var largerTags = [UInt8](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        // Record by record rather than slot by slot: names in the spill are read a block at a time.
        try forEachRecord { position, name in
            let hash = Self.hash(name)
            var slot = hash & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = UInt32(position / 8 + 1)
            largerTags[slot] = Self.tag(hash)
        }
        slots = larger
        tags = largerTags
    }

    /// The byte of a name's hash its slot keeps: the top one (the bottom ones pick the slot).
    private static func tag(_ hash: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: UInt(bitPattern: hash) >> (UInt.bitWidth - 8))
    }

    /// A byte with ASCII upper case folded to lower case.
    private static func folded(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// Where a name's probe starts (and its tag): a hash of its case-folded bytes. Swift's `Hasher` is
    /// seeded per process, so ids made to collide cannot slow every build down; it changes only where names
    /// sit in the table, never which names are taken.
    private static func hash(_ name: ArraySlice<UInt8>) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(name.count, 1)) { folded in
            for (i, byte) in name.enumerated() { folded[i] = Self.folded(byte) }
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(folded)[..<name.count]))
            return hasher.finalize()
        }
    }
}

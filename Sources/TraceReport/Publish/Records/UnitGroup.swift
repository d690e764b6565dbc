import Foundation

/// A run of consecutive input units (about `size` traces) as the build manifest keeps it: which units
/// (the first one's key, how many, a hash of all their keys) and what their traces add to the build's
/// totals and asset catalog, built from empty. The next build takes an unchanged run over by merging
/// these (`BuildTotals.merge`, `AssetCatalog.merge`) instead of reading and adding each trace's digest.
///
/// Its manifest line: `{"group":"<first key>","keys":"<hash>","traces":T,"units":N}<TAB>totals<TAB>catalog`.
struct UnitGroup {
    /// A group closes once it holds this many traces (at the end of a unit), before a unit that is not in
    /// the manifest (it failed to read) and at the end of the input. `TRACEREPORT_UNIT_GROUP_SIZE` sets
    /// another, for tests, whose inputs are small.
    static let size =
        ProcessInfo.processInfo.environment["TRACEREPORT_UNIT_GROUP_SIZE"].flatMap { Int($0) }.map { max(1, $0) } ?? 512

    var firstKey: String
    var units: Int
    var keys: String
    var traces: Int
    var totals = BuildTotals()
    var catalog = AssetCatalog()

    /// A hash of the units' keys in order: the same units make the same group.
    static func keysHash(_ keys: [String]) -> String {
        StableHash.wordsHex(keys.joined(separator: "\n"))
    }

    /// The group's manifest line.
    var line: String {
        var header = JSONTextWriter()
        header.object { w in
            w.key("group")
            w.string(firstKey)
            w.key("keys")
            w.string(keys)
            w.key("traces")
            w.int(traces)
            w.key("units")
            w.int(units)
        }
        var totalsText = JSONTextWriter()
        totals.writeStored(to: &totalsText)
        var catalogText = JSONTextWriter()
        catalog.writeStored(to: &catalogText)
        return header.text + "\t" + totalsText.text + "\t" + catalogText.text
    }

    /// A group's manifest line read back.
    static func parse(_ line: [UInt8]) throws(JSONParser.Failure) -> UnitGroup {
        try line.withUnsafeBufferPointer { all throws(JSONParser.Failure) -> UnitGroup in
            let tabs = all.indices.filter { all[$0] == 0x09 }
            guard tabs.count == 2 else { throw JSONParser.Failure(offset: 0, reason: "a group line has three parts") }
            let part = { (range: Range<Int>) in UnsafeBufferPointer(rebasing: all[range]) }
            var group = try JSONParser.pull(part(0..<tabs[0])) { p throws(JSONParser.Failure) -> UnitGroup in
                var group = UnitGroup(firstKey: "", units: 0, keys: "", traces: 0)
                try p.enterObject()
                var first = true
                while let member = try p.nextMember(&first) {
                    switch member {
                    case "group": group.firstKey = try p.readString()
                    case "keys": group.keys = try p.readString()
                    case "traces": group.traces = try p.readInt()
                    case "units": group.units = try p.readInt()
                    default: try p.skipValue()
                    }
                }
                guard group.units > 0, !group.firstKey.isEmpty else { throw p.fail("not a group") }
                return group
            }
            group.totals = try JSONParser.pull(part((tabs[0] + 1)..<tabs[1])) { p throws(JSONParser.Failure) in
                try BuildTotals.readStored(&p)
            }
            group.catalog = try JSONParser.pull(part((tabs[1] + 1)..<all.count)) { p throws(JSONParser.Failure) in
                try AssetCatalog.readStored(&p)
            }
            // The traces it was built from are numbered 1…traces, as when they were added one at a time.
            group.catalog.serial = group.traces
            return group
        }
    }
}

extension JSONParser {
    /// An object of counts (`{"name": n, …}`).
    mutating func readCounts() throws(Failure) -> [String: Int] {
        var counts: [String: Int] = [:]
        try enterObject()
        var first = true
        while let name = try nextMember(&first) { counts[name] = try readInt() }
        return counts
    }

    /// An array of integers.
    mutating func readInts() throws(Failure) -> [Int] {
        try readArray { p throws(Failure) in try p.readInt() }
    }

    /// The next element of an array that must have one.
    mutating func element(_ first: inout Bool, of what: String) throws(Failure) {
        guard try nextElement(&first) else { throw fail("\(what) is too short") }
    }

    /// The end of an array that must have no more elements.
    mutating func end(_ first: inout Bool, of what: String) throws(Failure) {
        guard try !nextElement(&first) else { throw fail("\(what) is too long") }
    }
}

extension JSONTextWriter {
    /// Counts as an object, keys sorted.
    mutating func counts(_ map: [String: Int]) {
        object { w in
            for key in map.keys.sorted() {
                w.key(key)
                w.int(map[key]!)
            }
        }
    }
}

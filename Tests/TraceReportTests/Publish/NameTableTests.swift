import Foundation
import PropertyBased
import Testing

@testable import TraceReport

@Suite("Name table: page names held exactly, past a few blocks in a temporary file")
struct NameTableTests {
    /// A table whose blocks hold about ten names and that keeps one in memory: it spills after a few dozen.
    static func smallTable() -> NameTable { NameTable(spills: true, blockSize: 272, keptBlocks: 1) }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("thousands of names moved to the file: each claimed once ignoring case, its owner told, found exactly")
    func spilledNamesBehaveAsAMap() throws {
        var table = Self.smallTable()
        var owners: [String: UInt64] = [:]  // lowercased name → owner
        var order: [String] = []
        for i in 0..<3_000 {
            let name = i % 3 == 0 ? "Trace-\(i / 2)" : "trace-\(i / 2)-\(String(repeating: "x", count: i % 40))"
            let owner = UInt64(i)
            let told = try table.claim(Self.bytes(name), owner: owner)
            #expect(told == owners[name.lowercased()], "\(name)")
            if told == nil {
                owners[name.lowercased()] = owner
                order.append(name)
            }
        }
        #expect(table.spilledBlocks > 100, "most blocks are in the file")
        #expect(table.count == order.count)
        for name in order {
            #expect(try table.contains(exactly: Self.bytes(name)))
            #expect(try !table.contains(exactly: Self.bytes(name.uppercased())) || name == name.uppercased())
        }
        #expect(try !table.contains(exactly: Self.bytes("trace-unknown")))
        var listed: [String] = []
        try table.forEachName { listed.append(String(decoding: $0, as: UTF8.self)) }
        #expect(listed == order, "in the order they were handed out")
    }

    @Test("a copy that goes on naming does not change the names of the table it was copied from")
    func copiesAreIndependent() throws {
        var first = Self.smallTable()
        for i in 0..<200 { _ = try first.claim(Self.bytes("a\(i)"), owner: 1) }
        var second = first
        for i in 0..<200 {
            #expect(try first.claim(Self.bytes("b\(i)"), owner: 2) == nil)
            #expect(try second.claim(Self.bytes("c\(i)"), owner: 3) == nil)
        }
        for i in 0..<200 {
            #expect(try first.contains(exactly: Self.bytes("b\(i)")) && !first.contains(exactly: Self.bytes("c\(i)")))
            #expect(try second.contains(exactly: Self.bytes("c\(i)")) && !second.contains(exactly: Self.bytes("b\(i)")))
            #expect(
                try first.claim(Self.bytes("A\(i)"), owner: 9) == 1 && second.claim(Self.bytes("A\(i)"), owner: 9) == 1)
        }
    }

    @Test("property: a namer whose names are in the file names any ids as one that keeps them in memory")
    func spillingNamesLikeMemory() async {
        await propertyCheck(count: 100, input: PageNamerTests.ids.array(of: 1...200)) { (ids: [String]) throws in
            var memory = PageNamer()
            var spilling = PageNamer(table: Self.smallTable())
            for id in ids {
                let expected = memory.name(for: id)
                #expect(try spilling.place(id).name == expected, "\(id)")
            }
        }
    }

    @Test("no temporary file can be made: the spill says so, and the table keeps its names in memory")
    func noSpillFolder() throws {
        #expect(NameSpill(folder: "/nonexistent/tracereport-\(getpid())") == nil)
        let file = NSTemporaryDirectory() + "/tracereport-names-test-\(getpid())"
        defer { unlink(file) }
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        #expect(NameSpill(folder: file) == nil, "a file is not a folder")
    }
}

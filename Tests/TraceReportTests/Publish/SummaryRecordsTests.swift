import Foundation
import Testing

@testable import TraceReport

/// The records an incremental build writes from the last build's without reading it entry by entry:
/// `summary.json` entries copied as blocks, the digest spool read back a page at a time, the manifest's
/// unit lines read a span at a time, and large files removed without waiting for their pages.
@Suite("Records copied, spooled and read in blocks equal those handled one at a time", .temporaryFolder)
struct SummaryRecordsTests {
    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// The last build's summary.json: three entries, each after `,\n`.
    static let lastEntries = [#"{"a":1}"#, #"{"b":"two"}"#, #"{"c":[3]}"#]

    /// Writes a summary: a new entry, the last build's second and third copied as one block, a new entry.
    static func copy(kernel: Bool, from last: String, to path: String) throws -> [Int] {
        let source = open(last, O_RDONLY)
        defer { close(source) }
        let writer = try SummaryWriter(path: path)
        writer.kernelCopies = kernel
        var offsets = [try writer.addEncoded(#"{"new":0}"#)]
        let second = 1 + lastEntries[0].utf8.count + 2
        let length = lastEntries[1].utf8.count + 2 + lastEntries[2].utf8.count
        offsets.append(try #require(try writer.addEncoded(copying: (second, length), from: source, count: 2)))
        offsets.append(try writer.addEncoded(#"{"new":3}"#))
        try writer.finish(errors: [String](), totals: ["traces": 4])
        return offsets
    }

    @Test("a block copied by the kernel is what reading and writing it gives, at the same offsets")
    func kernelCopyEqualsCopyThroughMemory() throws {
        let root = TemporaryFolder.path
        let last = root + "/last.json"
        try Self.write("\n" + Self.lastEntries.joined(separator: ",\n"), to: last)
        let byKernel = try Self.copy(kernel: true, from: last, to: root + "/kernel.json")
        let byHand = try Self.copy(kernel: false, from: last, to: root + "/memory.json")
        #expect(byKernel == byHand)
        let summary = try Self.text(root + "/kernel.json")
        #expect(summary == (try Self.text(root + "/memory.json")))
        let bytes = Array(summary.utf8)
        #expect(String(decoding: bytes[byKernel[1]..<(byKernel[1] + 11)], as: UTF8.self) == #"{"b":"two"}"#)
        let json = try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any]
        #expect((json?["traces"] as? [Any])?.count == 4, "four entries, the copied two among them")
    }

    @Test("a block past the end of the last summary is refused, either way it is copied")
    func blockPastTheEndIsRefused() throws {
        let root = TemporaryFolder.path
        let last = root + "/last.json"
        try Self.write("\n" + Self.lastEntries.joined(separator: ",\n"), to: last)
        for kernel in [true, false] {
            let source = open(last, O_RDONLY)
            defer { close(source) }
            let writer = try SummaryWriter(path: root + "/out-\(kernel).json")
            writer.kernelCopies = kernel
            #expect(try writer.addEncoded(copying: (20, 4_000), from: source, count: 1) == nil)
        }
    }

    @Test("spooled rows come back a page at a time, in order; a page's hash follows its rows")
    func spoolPagesAndHashes() throws {
        let root = TemporaryFolder.path
        func spooled(_ rows: [String], name: String) throws -> RowSpool {
            let spool = try RowSpool(path: root + "/" + name, pageSize: 3)
            for row in rows { try spool.addEncoded(bytes: Array(row.utf8)) }
            return spool
        }
        let rows = (1...7).map { #"{"n":\#($0)}"# }
        let spool = try spooled(rows, name: "a")
        #expect(spool.pageCount == 3)
        for page in 1...3 {
            let back = try spool.rows(page: page).map { String(decoding: $0, as: UTF8.self) }
            #expect(back == Array(rows[((page - 1) * 3)..<min(page * 3, rows.count)]))
        }
        let same = try spooled(rows, name: "b")
        var edited = rows
        edited[4] = #"{"n":50}"#
        let changed = try spooled(edited, name: "c")
        var swapped = rows
        swapped.swapAt(3, 4)
        let reordered = try spooled(swapped, name: "d")
        for page in 1...3 { #expect(spool.rowsHash(page: page) == same.rowsHash(page: page)) }
        #expect(changed.rowsHash(page: 1) == spool.rowsHash(page: 1))
        #expect(changed.rowsHash(page: 2) != spool.rowsHash(page: 2), "one row differs")
        #expect(reordered.rowsHash(page: 2) != spool.rowsHash(page: 2), "the same rows in another order")
        #expect(changed.rowsHash(page: 3) == spool.rowsHash(page: 3))
        let empty = try spooled([], name: "e")
        #expect(empty.pageCount == 1)
        #expect(try empty.rows(page: 1).isEmpty)
    }

    @Test("rows spooled as where they stand in the records come back as those bytes, hashed as the same rows")
    func spoolReferencesReadFromTheRecords() throws {
        let root = TemporaryFolder.path
        let records = try SummaryWriter.lines(path: root + "/records")
        let inline = try RowSpool(path: root + "/inline", pageSize: 4)
        let referring = try RowSpool(path: root + "/referring", pageSize: 4, records: records)
        let rows = (1...10).map { #"{"n":\#($0),"text":"\#(String(repeating: "r", count: $0))"}"# }
        for (i, row) in rows.enumerated() {
            try inline.addEncoded(bytes: Array(row.utf8))
            // Every third row is kept only in the spool, as a unit the manifest does not keep.
            if i % 3 == 2 {
                try referring.addEncoded(bytes: Array(row.utf8))
                continue
            }
            try records.line("header \(i)")
            let offset = records.byteCount
            try records.line(bytes: Array(row.utf8))
            try referring.addEncoded(bytes: Array(row.utf8), at: offset)
        }
        // The records go on being written after the rows are read: nothing pending is lost.
        #expect(referring.pageCount == 3)
        for page in 1...3 {
            let back = try referring.rows(page: page).map { String(decoding: $0, as: UTF8.self) }
            #expect(back == Array(rows[((page - 1) * 4)..<min(page * 4, rows.count)]), "page \(page)")
            #expect(referring.rowsHash(page: page) == inline.rowsHash(page: page))
        }
        try records.line("after")
        try records.close()
        #expect(try Self.text(root + "/records").hasSuffix("after\n"))
    }

    @Test("a large file is gone at once, its name free for a new one; a small one too")
    func largeFilesAreRemoved() throws {
        let root = TemporaryFolder.path
        for (name, size) in [("large", FileRemoval.largeSize + 1), ("small", 10)] {
            let path = root + "/" + name
            try Data(count: size).write(to: URL(fileURLWithPath: path))
            FileRemoval.unlink(path)
            #expect(!FileManager.default.fileExists(atPath: path), "\(name)")
            try Self.write("new", to: path)
            #expect(try Self.text(path) == "new")
        }
        FileRemoval.unlink(root + "/missing")
    }
}

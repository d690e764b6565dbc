import Foundation
import Testing

@testable import TraceReport

/// A JSONL file whose stamp (device, inode, size, modification and status-change times) is the one the last
/// build noted is taken from its manifest, not read. Whatever changed, the site must be a fresh build's.
@Suite("Unchanged files: taken over unread, the site still a fresh build's", .temporaryFolder)
struct UnchangedFilesTests {
    /// Stamps kept at once: the test's files are new, and the default keeps only files older than five seconds.
    static let settled = ["TRACEREPORT_STAMP_MARGIN": "0"]

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Traces `from..<to`, one per line, ids and questions by number.
    static func traces(_ range: Range<Int>) -> String {
        PublishSafetyTests.manyTraces(range.upperBound).split(separator: "\n").dropFirst(range.lowerBound)
            .joined(separator: "\n") + "\n"
    }

    /// Builds the site incrementally and a fresh one from the same history: the two must be the same, file
    /// for file. The incremental build's output is returned.
    static func buildMatchingFresh(_ root: String, _ label: String) throws -> String {
        try PublishSafetyTests.keepHistory(of: root + "/site", in: root + "/seed")
        let incremental = try runTraceReport(
            ["build", root + "/in", "--output", root + "/site"], environment: settled)
        #expect(incremental.status == 0, "\(label): \(incremental.stderr)")
        try? FileManager.default.removeItem(atPath: root + "/fresh")
        let fresh = try runTraceReport(
            ["build", root + "/in", "--output", root + "/fresh", "--history-from", root + "/seed"],
            environment: settled)
        #expect(fresh.status == 0)
        let (a, b) = (PublishSafetyTests.tree(root + "/site"), PublishSafetyTests.tree(root + "/fresh"))
        #expect(a.keys.sorted() == b.keys.sorted(), "\(label)")
        for (path, data) in a where b[path] != data { Issue.record("\(label): \(path) differs from a fresh build's") }
        return incremental.stdout
    }

    @Test(
        "files not changed since the last build are not read; edits, removed and moved lines, new, deleted and replaced files give a fresh build's site"
    )
    func unchangedFilesTakenOver() throws {
        let root = TemporaryFolder.path
        try FileManager.default.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        for (name, range) in [("a", 0..<300), ("b", 300..<600), ("c", 600..<900)] {
            try Self.write(Self.traces(range), to: root + "/in/\(name).jsonl")
        }
        #expect(
            try runTraceReport(["build", root + "/in", "--output", root + "/site"], environment: Self.settled).status
                == 0)
        // The list is a cache beside the site, not part of it: a site holds only what its inputs make.
        #expect(FileManager.default.fileExists(atPath: root + "/.site.tracereport-files"))
        #expect(!PublishSafetyTests.tree(root + "/site").keys.contains { $0.contains("tracereport-files") })
        var out = try Self.buildMatchingFresh(root, "nothing changed")
        #expect(out.contains("900 traces were unchanged since the last build. 3 unchanged files were not read again."))

        // A trace of b edited, the file's length kept: its stamp changed, so b alone is read.
        var b = try String(contentsOfFile: root + "/in/b.jsonl", encoding: .utf8)
        b = b.replacingOccurrences(of: "question 310 ", with: "question 3X0 ")
        try Self.write(b, to: root + "/in/b.jsonl")
        out = try Self.buildMatchingFresh(root, "an edited trace")
        #expect(out.contains("899 traces were unchanged since the last build. 2 unchanged files were not read again."))

        // The first line of a removed: every later trace moves up a place, some onto another index page, and
        // the files taken over have those traces read after all.
        let a = try String(contentsOfFile: root + "/in/a.jsonl", encoding: .utf8)
        try Self.write(String(a.drop { $0 != "\n" }.dropFirst()), to: root + "/in/a.jsonl")
        out = try Self.buildMatchingFresh(root, "a removed line")
        #expect(out.contains("2 unchanged files were not read again."))

        // A trace of a given the id of one of c: c's trace is the second with its id, named and titled anew.
        let moved = try String(contentsOfFile: root + "/in/a.jsonl", encoding: .utf8)
            .replacingOccurrences(of: "\"trace_id\": \"t5\"", with: "\"trace_id\": \"t650\"")
        try Self.write(moved, to: root + "/in/a.jsonl")
        out = try Self.buildMatchingFresh(root, "an id taken")
        #expect(out.contains("2 unchanged files were not read again."))

        // A new file, and one deleted.
        try Self.write(Self.traces(900..<950), to: root + "/in/d.jsonl")
        try FileManager.default.removeItem(atPath: root + "/in/b.jsonl")
        out = try Self.buildMatchingFresh(root, "a new file and a deleted one")
        #expect(out.contains("2 unchanged files were not read again."))

        // c replaced by a file of the same size and modification time (`cp -p`, a restored backup): its inode
        // and status-change time differ, so it is read; a and d are not.
        var c = try String(contentsOfFile: root + "/in/c.jsonl", encoding: .utf8)
        c = c.replacingOccurrences(of: "question 700 ", with: "question 7X0 ")
        let times = try FileManager.default.attributesOfItem(atPath: root + "/in/c.jsonl")[.modificationDate] as! Date
        try Self.write(c, to: root + "/replacement.jsonl")
        try FileManager.default.setAttributes([.modificationDate: times], ofItemAtPath: root + "/replacement.jsonl")
        #expect(rename(root + "/replacement.jsonl", root + "/in/c.jsonl") == 0)
        out = try Self.buildMatchingFresh(root, "a file replaced under the same time")
        #expect(out.contains("2 unchanged files were not read again."), "\(out)")
        let summary = try String(contentsOfFile: root + "/site/summary.json", encoding: .utf8)
        #expect(summary.contains("question 7X0 ") && !summary.contains("question 700 "))
    }

    @Test(
        "a file changed within the margin before the build, --full, a baseline, a damaged list or a FIFO in its place: every file is read"
    )
    func filesReadAgain() throws {
        let root = TemporaryFolder.path
        try FileManager.default.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        try Self.write(Self.traces(0..<20), to: root + "/in/a.jsonl")
        let build = { (arguments: [String], environment: [String: String]) in
            try runTraceReport(
                ["build", root + "/in", "--output", root + "/site"] + arguments, environment: environment)
        }
        // The default margin: the file was written a moment ago, and one written again within the clock's
        // tick after a build read it would keep its stamp. It is never noted, so always read.
        for _ in 0..<2 {
            let result = try build([], ["TRACEREPORT_STAMP_MARGIN": "5"])
            #expect(result.status == 0)
            #expect(!result.stdout.contains("not read again"))
        }
        #expect(try build([], Self.settled).status == 0)
        #expect(try build([], Self.settled).stdout.contains("1 unchanged file was not read again."))
        #expect(!(try build(["--full"], Self.settled).stdout.contains("not read again")))
        try Self.write(Self.traces(0..<5), to: root + "/base.jsonl")
        #expect(!(try build(["--baseline", root + "/base.jsonl"], Self.settled).stdout.contains("not read again")))
        #expect(try build([], Self.settled).status == 0)
        try Self.write("not JSON\n{\"file\": 3}\n", to: root + "/.site.tracereport-files")
        let damaged = try build([], Self.settled)
        #expect(damaged.status == 0)
        #expect(!damaged.stdout.contains("not read again"))
        #expect(try build([], Self.settled).stdout.contains("1 unchanged file was not read again."))
        // A FIFO in the list's place is not read (it would block): the build reads the file and replaces it.
        try FileManager.default.removeItem(atPath: root + "/.site.tracereport-files")
        #expect(mkfifo(root + "/.site.tracereport-files", 0o644) == 0)
        let fifo = try build([], Self.settled)
        #expect(fifo.status == 0)
        #expect(!fifo.stdout.contains("not read again"))
        #expect(try build([], Self.settled).stdout.contains("1 unchanged file was not read again."))
    }
}

import Foundation
import Testing

@testable import TraceReport

@Suite("Double buffering: a build starts from the site before the published one", .temporaryFolder)
struct SpareSiteTests {
    static func inode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.systemFileNumber] as? Int
    }

    /// Writes the traces (one JSONL file for each list), builds them into `site` and into a fresh folder
    /// from the same history, and checks the two are the same byte for byte.
    static func buildAndCompare(files: [[String]], root: String, step: String) throws -> CommandResult {
        let fm = FileManager.default
        try? fm.removeItem(atPath: root + "/in")
        try fm.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        for (i, lines) in files.enumerated() {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(
                to: URL(fileURLWithPath: root + "/in/t-\(String(format: "%02d", i)).jsonl"))
        }
        let seeded = fm.fileExists(atPath: root + "/site/" + BuildHistory.fileName)
        if seeded { try PublishSafetyTests.keepHistory(of: root + "/site", in: root + "/seed") }
        let built = try runTraceReport(["build", root + "/in", "--output", root + "/site", "--jobs", "2"])
        #expect(built.status == 0, "\(step): \(built.stderr)")
        try? fm.removeItem(atPath: root + "/fresh")
        let fresh = try runTraceReport(
            ["build", root + "/in", "--output", root + "/fresh", "--jobs", "1"]
                + (seeded ? ["--history-from", root + "/seed"] : []))
        #expect(fresh.status == 0)
        let (a, b) = (PublishSafetyTests.tree(root + "/site"), PublishSafetyTests.tree(root + "/fresh"))
        #expect(a.keys.sorted() == b.keys.sorted(), "\(step): the same files")
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [], "\(step): files that differ")
        return built
    }

    static func buildAndCompare(_ lines: [String], root: String, step: String) throws -> CommandResult {
        try buildAndCompare(files: [lines], root: root, step: step)
    }

    @Test(
        "edits, additions, deletions, renamed and repeated ids: each build starts from the spare and equals a fresh one"
    )
    func runOfBuilds() throws {
        let root = TemporaryFolder.path
        let all = PublishSafetyTests.manyTraces(520).split(separator: "\n").map(String.init)
        // Thirteen files of 40 traces: a line removed or added shifts the sources of its own file only.
        var files = (0..<13).map { Array(all[$0 * 40..<($0 + 1) * 40]) }
        let spare = root + "/.site.tracereport-spare"
        _ = try Self.buildAndCompare(files: files, root: root, step: "first build")
        let firstFolder = Self.inode(root + "/site")
        #expect(Self.inode(spare) == nil, "nothing was replaced, so nothing is kept")

        files[0][10] = files[0][10].replacingOccurrences(of: "question 10 ", with: "question ten ")
        _ = try Self.buildAndCompare(files: files, root: root, step: "one trace edited")
        #expect(Self.inode(spare) == firstFolder, "the replaced site is kept as the spare")
        #expect(!FileManager.default.fileExists(atPath: root + "/site/" + SpareSite.infoName))

        var folders = [firstFolder, Self.inode(root + "/site")]
        // Each step, and whether it renders few enough pages for the replaced site to be kept.
        let steps: [(String, Bool, ([[String]]) -> [[String]])] = [
            (
                "a trace added", true,
                { f in f.dropLast() + [f[12] + [#"{"trace_id": "brand-new", "question": "new"}"#]] }
            ),
            ("a trace deleted", true, { f in f.dropLast() + [Array(f[12].dropFirst())] }),
            (
                "an id renamed to upper case", true,
                { f in f.map { $0.map { $0.replacingOccurrences(of: #""t7""#, with: #""T7""#) } } }
            ),
            ("an id repeated", true, { f in f.dropLast() + [[f[0][5]] + f[12]] }),
            (
                "the repeat removed, another trace edited", true,
                { f in
                    f.dropLast()
                        + [
                            f[12].dropFirst().map {
                                $0.replacingOccurrences(of: "question 500 ", with: "question 500b ")
                            }
                        ]
                }
            ),
            ("nothing changed", true, { $0 }),
            // A new first file: every file after it is another source, so every page is rendered again.
            ("a file inserted before the others", false, { f in [(0..<700).map { #"{"trace_id": "e\#($0)"}"# }] + f }),
            ("one trace edited after that", true, { f in f.dropLast() + [f[13].map { $0 + " " }] }),
            (
                "one more", true,
                { f in f.dropLast() + [f[13].map { $0.replacingOccurrences(of: "question ", with: "q ") }] }
            ),
        ]
        var lastKept = true
        for (step, keeps, change) in steps {
            files = change(files)
            let built = try Self.buildAndCompare(files: files, root: root, step: step)
            #expect(built.stdout.contains("unchanged since the last build") == keeps, "\(step): \(built.stdout)")
            folders.append(Self.inode(root + "/site"))
            if lastKept {
                #expect(
                    folders[folders.count - 1] == folders[folders.count - 3],
                    "\(step): the site is the folder of two builds before, brought up to date")
            } else {
                #expect(folders[folders.count - 1] != folders[folders.count - 3], "\(step): no spare to start from")
            }
            #expect(
                Self.inode(spare) == (keeps ? folders[folders.count - 2] : nil),
                "\(step): the replaced site is kept as the spare when few pages changed")
            lastKept = keeps
        }
    }

    @Test("a page that changes gets a new file: the published site's page is never written into")
    func publishedPagesUntouched() throws {
        let root = TemporaryFolder.path
        var lines = PublishSafetyTests.manyTraces(50).split(separator: "\n").map(String.init)
        for _ in 0..<2 { _ = try Self.buildAndCompare(lines, root: root, step: "setup") }
        let published = root + "/site/traces/t3.md"
        let before = FileManager.default.contents(atPath: published)
        // The spare shares this page's file: the next build starts from the spare and rewrites the page.
        #expect(Self.inode(root + "/.site.tracereport-spare/traces/t3.md") == Self.inode(published))
        let kept = try FileHandle(forReadingFrom: URL(fileURLWithPath: published))
        lines[3] = lines[3].replacingOccurrences(of: "question 3 ", with: "question three ")
        _ = try Self.buildAndCompare(lines, root: root, step: "t3 edited")
        #expect(try kept.readToEnd() == before, "a reader holding the old page reads it whole")
        #expect(FileManager.default.contents(atPath: root + "/.site.tracereport-spare/traces/t3.md") == before)
        #expect(String(decoding: FileManager.default.contents(atPath: published)!, as: UTF8.self).contains("three"))
    }

    @Test("a spare changed by hand is never trusted: links, missing pages, another site, a link as the spare")
    func tamperedSpare() throws {
        let root = TemporaryFolder.path
        let fm = FileManager.default
        var lines = PublishSafetyTests.manyTraces(60).split(separator: "\n").map(String.init)
        try Data("private key\n".utf8).write(to: URL(fileURLWithPath: root + "/secret"))
        let spare = root + "/.site.tracereport-spare"
        var edits = 0
        func edit() {
            edits += 1
            lines[edits] = lines[edits].replacingOccurrences(of: "question \(edits) ", with: "question \(edits)x ")
        }
        func noSecret() {
            let site = PublishSafetyTests.tree(root + "/site")
            #expect(!site.values.contains { String(decoding: $0, as: UTF8.self).contains("private key") })
            let links = fm.enumerator(atPath: root + "/site")!.compactMap { $0 as? String }.filter {
                (try? fm.destinationOfSymbolicLink(atPath: root + "/site/" + $0)) != nil
            }
            #expect(links.isEmpty, "\(links)")
        }
        for _ in 0..<2 { _ = try Self.buildAndCompare(lines, root: root, step: "setup") }

        // A page of the spare replaced by a link to a private file, another removed.
        try fm.removeItem(atPath: spare + "/traces/t30.html")
        try fm.createSymbolicLink(atPath: spare + "/traces/t30.html", withDestinationPath: root + "/secret")
        try fm.removeItem(atPath: spare + "/traces/t31.md")
        edit()
        _ = try Self.buildAndCompare(lines, root: root, step: "link and hole in the spare")
        noSecret()

        // The published site rebuilt by hand: the spare precedes another site and is removed, not used.
        try fm.removeItem(atPath: root + "/site")
        try fm.copyItem(atPath: root + "/fresh", toPath: root + "/site")
        try Data("stale\n".utf8).write(to: URL(fileURLWithPath: spare + "/traces/t40.md"))
        edit()
        _ = try Self.buildAndCompare(lines, root: root, step: "the spare precedes another site")

        // A page the last build changed became a link in the published site: the spare cannot be brought
        // up to date from it, so the build starts from an empty folder, and says so.
        edit()
        _ = try Self.buildAndCompare(lines, root: root, step: "setup")
        let changed = "traces/t\(edits).md"
        try fm.removeItem(atPath: root + "/site/" + changed)
        try fm.createSymbolicLink(atPath: root + "/site/" + changed, withDestinationPath: root + "/secret")
        edit()
        let built = try Self.buildAndCompare(lines, root: root, step: "a changed page planted as a link")
        #expect(built.stderr.contains("1 file of the last site was not written by tracereport"), "\(built.stderr)")
        noSecret()

        // The spare itself a link to a folder: never followed, the folder untouched.
        try fm.createDirectory(atPath: root + "/elsewhere/traces", withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: root + "/elsewhere/traces/t1.md"))
        SpareSite.remove(spare)
        try fm.createSymbolicLink(atPath: spare, withDestinationPath: root + "/elsewhere")
        edit()
        _ = try Self.buildAndCompare(lines, root: root, step: "the spare is a link")
        #expect(fm.contents(atPath: root + "/elsewhere/traces/t1.md") == Data("mine\n".utf8))
        noSecret()
    }

    @Test("SIGKILL during a build that started from the spare leaves the published site whole; the next build is right")
    func killedBuildFromSpare() throws {
        let root = TemporaryFolder.path
        var lines = PublishSafetyTests.manyTraces(3000).split(separator: "\n").map(String.init)
        for _ in 0..<2 { _ = try Self.buildAndCompare(lines, root: root, step: "setup") }
        let before = PublishSafetyTests.tree(root + "/site")
        // Every trace edited: the build renders them all into the staging folder that was the spare.
        lines = lines.map { $0.replacingOccurrences(of: "question ", with: "Question ") }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: root + "/t.jsonl"))
        var killed = 0
        for delay in [0.05, 0.3, 0.8] {
            let child = try ChildProcess(TestPaths.binary, ["build", root + "/t.jsonl", "--output", root + "/site"])
            Thread.sleep(forTimeInterval: delay)
            child.send(SIGKILL)
            if try child.wait() == .signaled(SIGKILL) {
                killed += 1
                #expect(PublishSafetyTests.tree(root + "/site") == before, "killed after \(delay) s")
            }
        }
        #expect(killed >= 1)
        _ = try Self.buildAndCompare(lines, root: root, step: "after the kills")
    }
}

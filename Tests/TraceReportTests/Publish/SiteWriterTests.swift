import Foundation
import Testing

@testable import TraceReport

@Suite("Site writer: swaps a finished site in, never loses a user's files", .temporaryFolder)
struct SiteWriterTests {
    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("a new site appears only on commit, with its marker")
    func freshSite() throws {
        let root = TemporaryFolder.path
        let writer = try SiteWriter(output: root + "/site", force: false)
        try writer.write("traces/a.html", "A")
        #expect(!FileManager.default.fileExists(atPath: root + "/site"))
        try writer.commit()
        #expect(contents(root + "/site/traces/a.html") == "A")
        #expect(FileManager.default.fileExists(atPath: root + "/site/" + SiteWriter.marker))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["site"], "no staging folder left behind")
    }

    @Test("a rebuild replaces the previous site whole; a discarded build leaves it untouched")
    func rebuild() throws {
        let root = TemporaryFolder.path
        let first = try SiteWriter(output: root + "/site", force: false)
        try first.write("old.html", "old")
        try first.commit()
        let failed = try SiteWriter(output: root + "/site", force: false)
        try failed.write("new.html", "new")
        failed.discard()
        #expect(contents(root + "/site/old.html") == "old")
        let second = try SiteWriter(output: root + "/site", force: false)
        try second.write("new.html", "new")
        try second.commit()
        #expect(contents(root + "/site/new.html") == "new")
        #expect(contents(root + "/site/old.html") == nil, "the old site was tracereport's, so it goes")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["site"])
    }

    @Test("a folder of someone else's files is refused, and with --force kept aside, never deleted")
    func foreignFolder() throws {
        let root = TemporaryFolder.path
        try FileManager.default.createDirectory(atPath: root + "/docs", withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: root + "/docs/notes.txt"))
        #expect(throws: PublishError.self) { try SiteWriter(output: root + "/docs", force: false) }
        do {
            _ = try SiteWriter(output: root + "/docs", force: false)
        } catch {
            #expect(error.reason.hasPrefix("holds files tracereport did not write, so it is left alone"))
        }
        let forced = try SiteWriter(output: root + "/docs", force: true)
        try forced.write("index.html", "site")
        let kept = try forced.commit()
        #expect(kept == root + "/docs.replaced-1")
        #expect(contents(root + "/docs.replaced-1/notes.txt") == "mine")
        #expect(contents(root + "/docs/index.html") == "site")
    }

    @Test("an empty existing folder is fine; a file in the way is an error")
    func emptyFolderAndFile() throws {
        let root = TemporaryFolder.path
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        #expect(try SiteWriter(output: root + "/empty", force: false).commit() == nil)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root) == ["empty"],
            "an empty folder is replaced, not kept aside")
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file"))
        #expect(
            throws: PublishError(
                path: root + "/file",
                reason: "is a file, not a folder: pass --output with a folder path (it is created if missing)")
        ) {
            try SiteWriter(output: root + "/file", force: false)
        }
    }

    @Test("a staging folder left by a killed build is cleaned up by the next one")
    func staleStaging() throws {
        let root = TemporaryFolder.path
        let stale = root + "/.site.tracereport-tmp-999999999"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: stale + "/" + SiteWriter.marker))
        try SiteWriter(output: root + "/site", force: false).commit()
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    @Test(
        "the replaced site is kept as the spare when asked, and the next writer starts from it only while it precedes the published site"
    )
    func spare() throws {
        let root = TemporaryFolder.path
        let spare = root + "/.site.tracereport-spare"
        func build(_ pages: [String: String], differing: [String]?) throws {
            let writer = try SiteWriter(output: root + "/site", force: false)
            for (path, text) in pages { try writer.write(path, text) }
            try writer.commit(differing: differing)
        }
        try build([".tracereport-manifest": "1", "traces/a.md": "a1", "traces/b.md": "b1"], differing: [])
        try build([".tracereport-manifest": "2", "traces/a.md": "a2", "traces/b.md": "b1"], differing: ["a.md"])
        #expect(contents(spare + "/traces/a.md") == "a1", "the site before the published one")
        #expect(contents(spare + "/" + SpareSite.infoName)?.hasSuffix("\na.md\n") == true)

        let writer = try SiteWriter(output: root + "/site", force: false)
        #expect(try writer.startFromSpare())
        #expect(!FileManager.default.fileExists(atPath: spare))
        #expect(contents(writer.stagingPath("traces/a.md")) == "a2", "brought up to the published page")
        #expect(contents(writer.stagingPath("traces/b.md")) == "b1")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: writer.staging).sorted() == [
                SiteWriter.marker, "traces",
            ], "nothing but the pages and the marker")
        // a.md was brought up as a hard link of the published page: writing it must not change that page.
        try writer.write("traces/a.md", "a3")
        #expect(contents(root + "/site/traces/a.md") == "a2", "a page is replaced, never written into")
        try writer.write(".tracereport-manifest", "3")
        try writer.commit(differing: ["a.md"])
        #expect(contents(root + "/site/traces/a.md") == "a3")
        #expect(contents(root + "/site/" + SiteWriter.marker) != nil)

        // The published site replaced by hand: its manifest is another file, so the spare is not used.
        try FileManager.default.removeItem(atPath: root + "/site/.tracereport-manifest")
        try Data("3".utf8).write(to: URL(fileURLWithPath: root + "/site/.tracereport-manifest"))
        let other = try SiteWriter(output: root + "/site", force: false)
        #expect(try !other.startFromSpare())
        #expect(!FileManager.default.fileExists(atPath: spare), "a spare that precedes another site is removed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: other.staging) == [SiteWriter.marker])
        other.discard()
    }
}

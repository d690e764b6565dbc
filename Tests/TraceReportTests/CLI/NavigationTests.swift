import Foundation
import Testing

@testable import TraceReport

@Suite("Finding one's way: links back to the listing index page, distinct titles, the build time", .temporaryFolder)
struct NavigationTests {
    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test("a trace page links back to the index page that lists it, also after traces before it shift")
    func linkBackToListingPage() throws {
        let root = TemporaryFolder.path
        try FileManager.default.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        // Two full pages and a part of a third.
        let per = IndexPageModel.rowsPerPage
        try Self.write(PublishSafetyTests.manyTraces(2 * per + 100), to: root + "/in/t.jsonl")
        #expect(try runTraceReport(["build", root + "/in", "--output", root + "/site"]).status == 0)
        let site = SiteChecker(root: URL(fileURLWithPath: root + "/site"))
        #expect(site.text("traces/t0.html").contains("<a href=\"../index.html\">← All traces</a>"))
        #expect(site.text("traces/t\(per - 1).html").contains("<a href=\"../index.html\">"))
        #expect(site.text("traces/t\(per).html").contains("<a href=\"../index-2.html\">"))
        #expect(site.text("traces/t\(2 * per + 99).html").contains("<a href=\"../index-3.html\">"))
        #expect(site.text("index-2.md").contains("](traces/t\(per).md)"), "the page linked back to lists the trace")
        #expect(!site.text("traces/t\(per).html").contains("\u{0}"), "no marker is left in a page")
        #expect(site.brokenLinks().broken.isEmpty)

        // Ten traces in a file read before theirs: the last ten of pages 1 and 2 now stand on the next page,
        // and the incremental build says so exactly as a full build does, rendering again only the pages
        // that moved.
        try Self.write(
            (0..<10).map { #"{"trace_id": "early-\#($0)", "question": "early"}"# }.joined(separator: "\n") + "\n",
            to: root + "/in/a.jsonl")
        try PublishSafetyTests.keepHistory(of: root + "/site", in: root + "/seed")
        let incremental = try runTraceReport(["build", root + "/in", "--output", root + "/site"])
        #expect(
            incremental.stdout.contains("\(2 * per + 100 - 20) traces were unchanged since the last build"),
            "\(incremental.stdout)")
        #expect(site.text("traces/t\(per - 11).html").contains("<a href=\"../index.html\">"))
        #expect(site.text("traces/t\(per - 10).html").contains("<a href=\"../index-2.html\">"))
        #expect(site.text("traces/t\(2 * per - 10).html").contains("<a href=\"../index-3.html\">"))
        #expect(
            try runTraceReport([
                "build", root + "/in", "--output", root + "/fresh", "--history-from", root + "/seed",
            ]).status == 0)
        let (a, b) = (PublishSafetyTests.tree(root + "/site"), PublishSafetyTests.tree(root + "/fresh"))
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [], "files that differ from a full build")
    }

    @Test("traces sharing an id get distinct titles: which one it is and where it was read")
    func duplicateIDs() throws {
        let root = TemporaryFolder.path
        let trace = { (n: Int) in #"{"trace_id": "dup-id", "question": "copy \#(n)"}"# }
        try Self.write(
            [trace(1), #"{"trace_id": "other"}"#, trace(2), trace(3)].joined(separator: "\n") + "\n",
            to: root + "/t.jsonl")
        #expect(try runTraceReport(["build", root + "/t.jsonl", "--output", root + "/site"]).status == 0)
        let site = SiteChecker(root: URL(fileURLWithPath: root + "/site"))
        let titles = ["dup-id", "dup-id-2", "dup-id-3"].map { name -> String in
            let html = site.text("traces/\(name).html")
            guard let start = html.range(of: "<title>"), let end = html.range(of: "</title>") else { return "" }
            return String(html[start.upperBound..<end.lowerBound])
        }
        #expect(Set(titles).count == 3, "\(titles)")
        #expect(titles[0] == "Trace dup-id")
        #expect(titles[1].hasPrefix("Trace dup-id (2nd with this id, ") && titles[1].hasSuffix("t.jsonl:3)"))
        #expect(titles[2].hasPrefix("Trace dup-id (3rd with this id, ") && titles[2].hasSuffix("t.jsonl:4)"))
        let heading = site.text("traces/dup-id-3.md").split(separator: "\n").first.map(String.init) ?? ""
        #expect(heading.hasPrefix("# Trace dup-id (3rd with this id, ") && heading.hasSuffix("t.jsonl:4)"))
        #expect(!site.text("traces/dup-id.md").contains("with this id"))
    }

    @Test("a name clash is not a repeated id: `A` after `a` is titled as the first `A`")
    func nameClashIsNotRepeat() throws {
        var namer = PageNamer()
        #expect(try namer.place("a") == ("a", 1))
        #expect(try namer.place("A") == ("A-2", 1))
        #expect(try namer.place("a") == ("a-3", 2))
        #expect(try namer.place("A") == ("A-4", 2))
        #expect(try namer.place("a") == ("a-5", 3))
    }

    @Test("the front page shows when the site was built, by the build's own clock unless SOURCE_DATE_EPOCH is set")
    func buildTime() throws {
        let root = TemporaryFolder.path
        try Self.write(PublishSafetyTests.manyTraces(1200), to: root + "/t.jsonl")
        let before = Date()
        let own = try runTraceReport(
            ["build", root + "/t.jsonl", "--output", root + "/site"], environment: ["SOURCE_DATE_EPOCH": ""])
        #expect(own.status == 0)
        let site = SiteChecker(root: URL(fileURLWithPath: root + "/site"))
        let shown = { (date: Date) -> String in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
            return formatter.string(from: date)
        }
        let times = Set([shown(before), shown(Date())])
        #expect(times.contains { site.text("index.html").contains("Generated \($0)") }, "index.html shows \(times)")
        #expect(times.contains { site.text("index.md").contains("Generated \($0)") })
        for page in ["index-2.html", "traces/t5.html", "assets/index.html", "assets/prompt.html"] {
            #expect(!site.text(page).contains("Generated") && !site.text(page).contains(" UTC"), "\(page)")
        }
        // Another time changes the front page and the history, and nothing else needs rendering again.
        let later = try runTraceReport(
            ["build", root + "/t.jsonl", "--output", root + "/site"], environment: ["SOURCE_DATE_EPOCH": "1764072000"])
        #expect(later.stdout.contains("1200 traces were unchanged since the last build"))
        #expect(site.text("index.html").contains("Generated 2025-11-25 12:00 UTC"))
        #expect(site.text("history.jsonl").contains("\"time\":\"2025-11-25T12:00:00Z\""))
    }
}

@Suite("The link back is filled in wherever a layout puts it")
struct HomeMarkerTests {
    @Test("every marker is replaced, none is left, and a page without one is unchanged")
    func everyMarker() {
        let marker = PageRenderer.homeMarker
        #expect(
            PageRenderer.placingHome("<a href=\"../\(marker)\">x</a>", indexPage: 7)
                == "<a href=\"../index-7.html\">x</a>")
        #expect(
            PageRenderer.placingHome("a\(marker)b\(marker)c — 사용률", indexPage: 1) == "aindex.htmlbindex.htmlc — 사용률")
        #expect(PageRenderer.placingHome("no marker", indexPage: 2) == "no marker")
    }
}

import Foundation
import Testing

@testable import TraceReport

@Suite("Page renderer: the Markdown of trace pages and the index, against golden files")
struct PageRendererTests {
    let renderer: PageRenderer

    init() throws {
        renderer = PageRenderer(templates: try TemplateSet.bundled())
    }

    func analyses(_ fixture: String) -> [TraceAnalysis] {
        var out: [TraceAnalysis] = []
        for case .trace(let loaded) in TraceLoader().results([.path(TestPaths.fixture(fixture))]) {
            out.append(
                TraceAnalyser.analyse(
                    LoadedTrace(
                        trace: loaded.trace,
                        source: "Fixtures/" + fixture + loaded.source.dropFirst(TestPaths.fixture(fixture).count))))
        }
        return out
    }

    @Test("a fully attributed trace in the older shape, with fallback and override", arguments: ["older-shape.json"])
    func olderShape(_ fixture: String) throws {
        let analysis = try #require(analyses(fixture).first)
        try assertSnapshot(try renderer.traceMarkdown(analysis), named: "trace-older-shape.md")
    }

    @Test("a legacy trace in the newer shape: empty stages, a null source, stage-assets-missing")
    func newerShapeLegacy() throws {
        let analysis = try #require(analyses("newer-shape-legacy.json").first)
        try assertSnapshot(try renderer.traceMarkdown(analysis), named: "trace-newer-shape-legacy.md")
    }

    @Test("hostile text from a trace stays text in the Markdown")
    func hostile() throws {
        let analysis = try #require(analyses("hostile.jsonl").first)
        let markdown = try renderer.traceMarkdown(analysis)
        try assertSnapshot(markdown, named: "trace-hostile.md")
        let html = MarkdownConverter.html(from: markdown)
        let ours: Set<String> = [
            "h1", "h2", "h3", "ul", "li", "strong", "em", "p", "table", "thead", "tbody", "tr", "th", "td", "a", "span",
            "details", "summary", "pre", "code", "br", "hr", "blockquote",
        ]
        let tags = Set(HTMLText.tagNames(html).map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 })
        #expect(tags.isSubset(of: ours), "elements from the trace reached the page: \(tags.subtracting(ours))")
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(hrefs.allSatisfy { $0.hasPrefix("#stage-") }, "the only links are to the page's own stages: \(hrefs)")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the question is shown as text")
    }

    @Test("the index lists every trace with a coverage cell per stage")
    func index() throws {
        let all = analyses("older-shape.json") + analyses("newer-shape-legacy.json")
        var namer = PageNamer()
        let traces = all.map { analysis in
            var trace = TraceDigest(analysis)
            trace.name = namer.name(for: analysis.trace.traceID)
            return trace
        }
        let errors = [
            InputError(
                source: "Fixtures/broken/mixed.jsonl:3", reason: "not valid JSON: Invalid value at line 1, column 1")
        ]
        try assertSnapshot(
            try renderer.indexMarkdown(traces: traces, errors: errors, pageExtension: "md"), named: "index.md")
    }

    @Test("a review attachment collapses stages and fits 65,536 characters, cutting stages with a note")
    func attachmentLimit() throws {
        var trace = Trace(traceID: "huge")
        trace.stageInputs = (0..<400).map { i in
            stage(
                "stage_\(i)", Dictionary(uniqueKeysWithValues: (0..<12).map { ("query:q\($0)_\(i)", "q\($0) (v\(i))") })
            )
        }
        let text = try renderer.attachment(analyse(trace), html: false)
        #expect(text.unicodeScalars.count <= PageRenderer.attachmentLimit)
        #expect(text.contains("<details><summary>"))
        #expect(text.contains("Cut to fit a review comment (65536 characters):"))
        #expect(text.hasPrefix("# Trace huge"))
        let again = try renderer.attachment(analyse(trace), html: false)
        #expect(text == again, "the cut is deterministic")
    }

    @Test("a short attachment is the whole page, untouched")
    func attachmentShort() throws {
        let analysis = try #require(analyses("older-shape.json").first)
        let text = try renderer.attachment(analysis, html: false)
        #expect(!text.contains("Cut to fit"))
        #expect(text.contains("## Global assets"))
    }

    @Test("the single-file HTML attachment inlines the stylesheet and says so")
    func attachmentHTML() throws {
        let analysis = try #require(analyses("older-shape.json").first)
        let html = try renderer.attachment(analysis, html: true)
        #expect(html.contains("<style>"))
        #expect(html.contains("name=\"tracereport-note\""))
        #expect(!html.contains("<link rel=\"stylesheet\""))
        #expect(!html.contains("<script"))
    }

    @Test("site pages link the stylesheet and allow no inline script or style")
    func sitePage() throws {
        let analysis = try #require(analyses("older-shape.json").first)
        let html = try renderer.traceHTML(markdown: try renderer.traceMarkdown(analysis), analysis: analysis)
        #expect(html.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        #expect(html.contains("<a href=\"../index.html\">"))
        #expect(html.contains("style-src 'self'"))
        #expect(!html.contains("<style") && !html.contains("<script") && !html.contains(" style="))
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Renders analysed traces and the index to Markdown with the templates,
/// and Markdown to HTML pages with cmark-gfm inside the layout. Knows nothing
/// of where the pages go.
public struct PageRenderer: Sendable {
    /// The most a review comment may hold; `attachment` stays within it.
    public static let attachmentLimit = 65_536

    /// The templates in use.
    public let templates: TemplateSet
    /// The build time the site's front page shows (`BuildClock`); nil shows none.
    public let generated: String?
    /// The build compares with a baseline: pages say so when a trace has none.
    public let comparing: Bool
    /// The site has golden-query pages: the index and asset pages link them.
    public var golden = false
    /// The registry, when it names asset ids: trace pages show what each id of `asset_versions` is.
    public var registry: AssetRegistry?

    /// Creates a renderer.
    public init(templates: TemplateSet, generated: String? = nil, comparing: Bool = false) {
        self.templates = templates
        self.generated = generated
        self.comparing = comparing
    }

    /// A trace's Markdown page, stages expanded.
    public func traceMarkdown(_ analysis: TraceAnalysis) throws(TemplateError) -> String {
        PageText.expand(
            try templates.render(TemplateSet.trace, TracePageModel(analysis, openDetails: true, comparing: comparing))
        ).md
    }

    /// A page of any kind as Markdown (links to `.md` pages) and HTML inside the layout (links to `.html`),
    /// its template rendered once: escaped text never holds U+0000, so a marker in the links' extension
    /// can be swapped for either. The layout's links climb from the page's folder to the site root.
    func render(_ page: some PageKind) throws(TemplateError) -> (markdown: String, html: String) {
        let (markdown, html) = try renderBytes(page)
        return (markdown, String(decoding: html, as: UTF8.self))
    }

    /// The HTML page of `page` holding `markdown`.
    func layout(_ page: some PageKind, markdown: String) throws(TemplateError) -> String {
        String(decoding: try layout(page, body: UTF8Text(MarkdownConverter.html(from: markdown))), as: UTF8.self)
    }

    /// A trace's site page, Markdown (asset links to `.md`) and HTML (links to `.html`), rendered once.
    /// `occurrence` says which trace with its id it is in the build. Until the build knows which index page
    /// lists the trace, the HTML's link back holds `homeMarker`: `placingHome` fills it in.
    public func tracePage(_ analysis: TraceAnalysis, occurrence: Int = 1) throws(TemplateError) -> (
        markdown: String, html: String
    ) {
        try render(TracePage(analysis: analysis, comparing: comparing, registry: registry, occurrence: occurrence))
    }

    /// The same with the HTML as bytes, for writing.
    func tracePageBytes(_ analysis: TraceAnalysis, occurrence: Int = 1) throws(TemplateError) -> (
        markdown: String, html: [UInt8]
    ) {
        try renderBytes(
            TracePage(analysis: analysis, comparing: comparing, registry: registry, occurrence: occurrence))
    }

    /// Stands for the index page's file in a trace page's link back. cmark-gfm's output never holds
    /// U+0000 and the layout's title (the one other text from a trace) has it replaced, so the marker
    /// is the page's only one.
    static let homeMarker = "\u{0}"

    /// A trace page's HTML with its link back leading to index page `indexPage` (from 1): every marker,
    /// should a custom layout use `{{home}}` more than once.
    public static func placingHome(_ html: String, indexPage: Int) -> String {
        placingHome(Array(html.utf8), indexPage: indexPage).map { String(decoding: $0, as: UTF8.self) } ?? html
    }

    /// The same from and to UTF-8 bytes; nil when `html` holds no marker.
    static func placingHome(_ html: [UInt8], indexPage: Int) -> [UInt8]? {
        let offsets = html.withUnsafeBufferPointer { bytes -> [Int] in
            guard let base = bytes.baseAddress else { return [] }
            var found: [Int] = []
            var from = 0
            while from < bytes.count, let hit = memchr(base + from, 0, bytes.count - from) {
                found.append(UnsafeRawPointer(hit) - UnsafeRawPointer(base))
                from = found[found.count - 1] + 1
            }
            return found
        }
        guard !offsets.isEmpty else { return nil }
        let target = Array((IndexPageModel.pageName(indexPage) + ".html").utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.count + offsets.count * target.count)
        html.withUnsafeBufferPointer { all in
            var start = 0
            for offset in offsets {
                bytes.append(contentsOf: all[start..<offset])
                bytes.append(contentsOf: target)
                start = offset + 1
            }
            bytes.append(contentsOf: all[start...])
        }
        return bytes
    }

    /// The golden queries' index and one page per query, Markdown and HTML.
    func goldenPages(_ reports: [GoldenQueryReport]) throws(TemplateError) -> [(
        path: String, markdown: String, html: String
    )] {
        let index = GoldenIndexPage(reports: reports)
        let first = try render(index)
        var pages = [(index.path, first.markdown, first.html)]
        for report in reports {
            let page = GoldenQueryPage(report: report)
            let (markdown, html) = try render(page)
            pages.append((page.path, markdown, html))
        }
        return pages
    }

    /// A trace's HTML page (in `traces/`, so the stylesheet and index are one folder up).
    public func traceHTML(markdown: String, analysis: TraceAnalysis) throws(TemplateError) -> String {
        try layout(TracePage(analysis: analysis, comparing: comparing, indexPage: 1), markdown: markdown)
    }

    /// The index pages (`index`, `index-2`, ... — one per `IndexPageModel.rowsPerPage` traces) as Markdown (links to `.md` pages)
    /// and as HTML (links to `.html`), each rendered once: escaped text never holds U+0000, so a marker
    /// in the links' extension can be swapped for either.
    public func indexPage(
        _ page: Int, of pageCount: Int, rows: ArraySlice<IndexRow>, tally: IndexTally, errors: [InputError],
        unpaired: Unpaired? = nil,
        batchFindings: [Finding] = [], history: BuildHistory? = nil
    ) throws(TemplateError) -> (name: String, markdown: String, html: String) {
        let kind = IndexPage(
            number: page, count: pageCount, rows: rows, tally: tally, errors: errors, unpaired: unpaired,
            batchFindings: batchFindings, history: history, golden: golden)
        let (markdown, html) = try render(kind)
        return (kind.path, markdown, html)
    }

    /// How many index pages `rows` make.
    public static func indexPageCount(_ rows: Int) -> Int {
        max(1, (rows + IndexPageModel.rowsPerPage - 1) / IndexPageModel.rowsPerPage)
    }

    /// The index of `traces` (named) in Markdown, its links ending in `pageExtension` (`md` or `html`).
    public func indexMarkdown(
        traces: [TraceDigest], errors: [InputError], unpaired: Unpaired? = nil, pageExtension: String
    ) throws(TemplateError) -> String {
        PageText.expand(
            try templates.render(
                TemplateSet.index,
                IndexPageModel(
                    traces: traces, errors: errors, unpaired: unpaired, generated: generated,
                    pageExtension: pageExtension))
        ).md
    }

    /// The index of `traces` (named) as an HTML page at the site root.
    public func indexHTML(traces: [TraceDigest], errors: [InputError], unpaired: Unpaired? = nil)
        throws(TemplateError) -> String
    {
        try indexPage(
            1, of: 1, rows: traces.map(IndexRow.init)[...], tally: IndexTally(traces), errors: errors,
            unpaired: unpaired
        ).html
    }

    /// One trace as a code-review attachment: Markdown within 65,536 characters
    /// (stages collapsed; later stages left out with a note when too long), or a
    /// single self-contained HTML file.
    public func attachment(_ analysis: TraceAnalysis, html: Bool, budget: AttachmentBudget = .comment)
        throws(TemplateError) -> String
    {
        let page = PageText.expand(try attachmentTemplate(analysis, budget: budget))
        guard html else { return page.md }
        return try templates.render(
            TemplateSet.layout,
            LayoutModel(
                title: "Trace \(TextFormat.cut(analysis.trace.traceID, limit: 120))", csp: LayoutModel.singleFileCSP,
                note: "single-file report: its stylesheet is inline, the only inline content tracereport writes",
                stylesheet: nil, icon: nil, inlineStyle: templates.stylesheet, home: nil,
                body: UTF8Text(MarkdownConverter.html(from: page.html)), generated: generated, pageClass: "trace"))
    }

    /// The trace page for a review, as Markdown (its badges as words), within `budget` (nil: whole).
    func attachmentMarkdown(_ analysis: TraceAnalysis, budget: AttachmentBudget?) throws(TemplateError) -> String {
        PageText.expand(try attachmentTemplate(analysis, budget: budget)).md
    }

    /// The trace page for a review, within `budget` (nil: whole): stages are left out from the end,
    /// as few as needed (found by bisection), with a note saying how many; a summary too long even
    /// without stages is cut at a line end.
    /// The template's text, badges still marked: its Markdown form is what the budget measures.
    func attachmentTemplate(_ analysis: TraceAnalysis, budget: AttachmentBudget?) throws(TemplateError) -> String {
        let full = try templates.render(
            TemplateSet.trace, TracePageModel(analysis, openDetails: false, comparing: comparing))
        guard let budget, !budget.fits(PageText.expand(full).md) else { return full }
        let total = analysis.stages.count
        var low = 0
        var high = total - 1
        var best: String?
        while low <= high {
            let shown = (low + high) / 2
            let note =
                "Cut to fit \(budget.description): \(total - shown) of \(total) stages left out. The full report is in the published site."
            let text = try templates.render(
                TemplateSet.trace,
                TracePageModel(
                    analysis, openDetails: false, comparing: comparing, stageLimit: shown, truncationNote: note))
            if budget.fits(PageText.expand(text).md) {
                best = text
                low = shown + 1
            } else {
                high = shown - 1
            }
        }
        if let best { return best }
        return Self.hardCut(PageText.expand(full).md, budget: budget)
    }

    /// The last resort when even the summary is too long: cut at a line end, with a note.
    static func hardCut(_ text: String, budget: AttachmentBudget) -> String {
        let note =
            "\n\n*Cut to fit \(budget.description): the summary alone is longer. The full report is in the published site.*\n"
        return budget.prefix(text, limit: budget.limit - budget.measure(note)) + note
    }
}

import Foundation

/// The whole flow of `tracereport build`: load → analyse → render → publish,
/// one trace at a time so memory stays flat, naming the step on every error.
public struct ReportPipeline: Sendable {
    /// What to build from and where.
    public struct Options: Sendable {
        public var inputs: [TraceInput]
        /// Traces to compare against ("before"); empty for no comparison.
        public var baseline: [TraceInput]
        public var output: String
        public var templates: TemplateSet
        public var force: Bool
        /// The build time to print, from `SOURCE_DATE_EPOCH`.
        public var generated: String?

        /// Creates options.
        public init(inputs: [TraceInput], baseline: [TraceInput] = [], output: String, templates: TemplateSet, force: Bool = false, generated: String? = nil) {
            self.inputs = inputs
            self.baseline = baseline
            self.output = output
            self.templates = templates
            self.force = force
            self.generated = generated
        }
    }

    /// The options of this build.
    public let options: Options

    /// Creates a pipeline.
    public init(_ options: Options) { self.options = options }

    /// Builds the site. `progress` is called with the number of traces done so far.
    public func build(progress: ((Int) -> Void)? = nil) throws(ReportError) -> BuildResult {
        let site: SiteWriter
        do { site = try SiteWriter(output: options.output, force: options.force) } catch { throw ReportError(error) }
        do {
            return try build(into: site, progress: progress)
        } catch {
            site.discard()
            throw ReportError.wrapping(error, step: .publish, path: options.output)
        }
    }

    private func build(into site: SiteWriter, progress: ((Int) -> Void)?) throws -> BuildResult {
        let renderer = PageRenderer(templates: options.templates, generated: options.generated, comparing: !options.baseline.isEmpty)
        let summary = try SummaryWriter(path: site.stagingPath("summary.json"))
        var namer = PageNamer()
        var rows: [IndexRow] = []
        var errors: [InputError] = []
        var totals = BuildTotals()
        var (baseline, baselineErrors) = BaselineLoader.load(options.baseline)
        errors += baselineErrors
        let comparing = !options.baseline.isEmpty
        var unpairedCurrent: [UnpairedTrace] = []
        try TraceLoader().load(options.inputs) { result in
            switch result {
            case .failure(let error):
                errors.append(error)
            case .trace(let loaded):
                let paired = comparing ? baseline.pair(loaded.trace) : nil
                if comparing && paired == nil { unpairedCurrent.append(UnpairedTrace(traceID: loaded.trace.traceID, source: loaded.source)) }
                let analysis = TraceAnalyser.analyse(loaded, baseline: paired)
                let page = "traces/" + namer.name(for: loaded.trace.traceID)
                let markdown = try renderer.traceMarkdown(analysis)
                try site.write(page + ".md", markdown)
                try site.write(page + ".html", try renderer.traceHTML(markdown: markdown, analysis: analysis))
                try summary.add(SummaryEntry(analysis, page: page + ".html", comparing: comparing))
                rows.append(IndexRow(analysis, page: page, comparing: comparing))
                totals.add(analysis)
                progress?(totals.traces)
            }
        }
        totals.inputErrors = errors.count
        let unpaired = comparing ? Unpaired(baseline: baseline.unpaired.map { UnpairedTrace(traceID: $0.traceID, source: $0.source) }, current: unpairedCurrent) : nil
        try site.write("index.md", try renderer.indexMarkdown(rows: rows, errors: errors, unpaired: unpaired, pageExtension: "md"))
        try site.write("index.html", try renderer.indexHTML(rows: rows, errors: errors, unpaired: unpaired))
        try site.write("style.css", options.templates.stylesheet)
        try site.write("favicon.svg", options.templates.icon)
        try summary.finish(errors: errors, totals: totals, extra: unpaired.map { [("unpaired", SummaryWriter.json($0))] } ?? [])
        let replaced = try site.commit()
        return BuildResult(totals: totals, errors: errors, output: site.output, replacedFolder: replaced, pages: rows.count * 2 + 2)
    }
}

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
        /// How many traces are decoded, analysed, rendered and written at once.
        public var jobs: Int

        /// Creates options.
        public init(
            inputs: [TraceInput], baseline: [TraceInput] = [], output: String, templates: TemplateSet, force: Bool = false, generated: String? = nil,
            jobs: Int = ProcessInfo.processInfo.activeProcessorCount
        ) {
            self.jobs = max(1, jobs)
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

    /// A trace decoded, analysed and rendered by a worker; named and written afterwards.
    private struct Rendered: Sendable {
        var row: IndexRow
        var summary: SummaryEntry
        var markdown: String
        var html: String
        var traceID: String
        var source: String
        var baselinePosition: Int?
    }

    /// How many units a batch holds: enough to keep every core busy, few enough to keep memory flat.
    static let batchSize = 256

    private func build(into site: SiteWriter, progress: ((Int) -> Void)?) throws -> BuildResult {
        let comparing = !options.baseline.isEmpty
        let renderer = PageRenderer(templates: options.templates, generated: options.generated, comparing: comparing)
        let summary = try SummaryWriter(path: site.stagingPath("summary.json"))
        try site.makeFolder("traces")
        var namer = PageNamer()
        var rows: [IndexRow] = []
        var totals = BuildTotals()
        var (baseline, errors) = BaselineLoader.load(options.baseline)
        var unpairedCurrent: [UnpairedTrace] = []
        let index = baseline
        let jobs = options.jobs

        func flush(_ units: [LoadUnit]) throws {
            // Decode, analyse and render in parallel: nothing here depends on other traces.
            let results = try ParallelWork.map(units, jobs: jobs) { unit -> [Result<Rendered, InputError>] in
                try unit.decode().map { result -> Result<Rendered, InputError> in
                    switch result {
                    case .failure(let error): return .failure(error)
                    case .trace(let loaded):
                        let position = comparing ? index.lookup(loaded.trace) : nil
                        let analysis = TraceAnalyser.analyse(loaded, baseline: position.map { index[$0] })
                        let markdown = try renderer.traceMarkdown(analysis)
                        return .success(
                            Rendered(
                                row: IndexRow(analysis, page: "", comparing: comparing), summary: SummaryEntry(analysis, page: "", comparing: comparing),
                                markdown: markdown, html: try renderer.traceHTML(markdown: markdown, analysis: analysis),
                                traceID: loaded.trace.traceID, source: loaded.source, baselinePosition: position))
                    }
                }
            }
            // Name pages and pair baselines in input order: names depend on the traces before.
            var named: [Rendered] = []
            for result in results.joined() {
                switch result {
                case .failure(let error): errors.append(error)
                case .success(var rendered):
                    let page = "traces/" + namer.name(for: rendered.traceID)
                    rendered.row.page = page
                    rendered.summary.page = page + ".html"
                    if let position = rendered.baselinePosition { baseline.markPaired(position) }
                    if comparing && rendered.baselinePosition == nil { unpairedCurrent.append(UnpairedTrace(traceID: rendered.traceID, source: rendered.source)) }
                    named.append(rendered)
                }
            }
            // Write pages and encode summary entries in parallel; append the entries in order.
            let encoded = try ParallelWork.map(named, jobs: jobs) { rendered -> String in
                try site.write(rendered.row.page + ".md", rendered.markdown)
                try site.write(rendered.row.page + ".html", rendered.html)
                return SummaryWriter.json(rendered.summary)
            }
            for (rendered, json) in zip(named, encoded) {
                try summary.addEncoded(json)
                rows.append(rendered.row)
                totals.add(rendered.row)
            }
            progress?(totals.traces)
        }

        var batch: [LoadUnit] = []
        try TraceLoader().units(options.inputs) { unit in
            batch.append(unit)
            if batch.count == Self.batchSize {
                try flush(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try flush(batch)

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

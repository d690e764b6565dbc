import Foundation

/// The whole flow of `tracereport build`: load → analyse → render → publish,
/// one trace at a time so memory stays flat, naming the step on every error.
public struct ReportPipeline: Sendable {
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
        let comparing = !options.baseline.isEmpty
        let renderer = PageRenderer(templates: options.templates, generated: options.generated, comparing: comparing)
        let summary = try SummaryWriter(path: site.stagingPath("summary.json"))
        let manifest = try SummaryWriter.lines(path: site.stagingPath(BuildManifest.fileName))
        try site.makeFolder("traces")
        var namer = PageNamer()
        let rows = try RowSpool()
        var totals = BuildTotals()
        var catalog = AssetCatalog()
        let loader = TraceLoader(notes: options.notes)
        var (baseline, errors, baselineDigest) = try BaselineLoader.loadWithDigest(options.baseline, loader: loader)
        let fingerprint = fingerprint(baselineDigest: baselineDigest)
        try manifest.line(BuildManifest.header(fingerprint))
        let previous = BuildManifest.Previous(site: site.output, fingerprint: fingerprint)
        let previousSite = site.output
        let files = PageFileQueue(site: site, previousSite: previousSite)
        defer { files.drain() }
        var unpairedCurrent: [UnpairedTrace] = []
        let index = baseline
        let jobs = options.jobs
        var reused = 0

        @Sendable func render(_ unit: LoadUnit) throws -> [Result<Rendered, InputError>] {
            try unit.decode().map { result -> Result<Rendered, InputError> in
                switch result {
                case .failure(let error): return .failure(error)
                case .trace(let loaded):
                    let (analysis, position) = index.analyse(loaded)
                    let page = try renderer.tracePage(analysis)
                    return .success(
                        Rendered(
                            row: IndexRow(analysis, page: "", comparing: comparing),
                            summary: SummaryEntry(analysis, page: "", comparing: comparing),
                            markdown: page.markdown, html: page.html,
                            traceID: loaded.trace.traceID, source: loaded.source, baselinePosition: position))
                }
            }
        }

        func flush(_ units: [LoadUnit]) throws {
            // Hash, then decode, analyse and render what changed, in parallel: nothing here depends on other traces.
            let prepared = try ParallelWork.map(units, jobs: jobs) { unit -> Prepared in
                let key = unit.identity.map { BuildManifest.key(source: $0.source, bytes: $0.bytes) }
                if let key, let traces = previous?.unit(key) { return .cached(key: key, traces: traces, unit: unit) }
                return .fresh(key: key, results: try render(unit))
            }
            // Name pages and pair baselines in input order: names depend on the traces before.
            var ready: [(key: String?, cacheable: Bool, traces: [Ready])] = []
            for item in prepared {
                var results: [Result<Rendered, InputError>]
                var key: String?
                switch item {
                case .cached(let k, let cached, let unit):
                    // The same bytes give the same trace ids, so these are the names a full build gives.
                    let names = cached.map { namer.name(for: $0.trace.traceID) }
                    if names == cached.map(\.trace.name) {
                        for trace in cached.map(\.trace) {
                            if let position = trace.baseline { baseline.markPaired(position) }
                            if comparing && trace.baseline == nil {
                                unpairedCurrent.append(UnpairedTrace(traceID: trace.traceID, source: trace.source))
                            }
                        }
                        ready.append((k, true, cached.map(Ready.cached)))
                        files.link(
                            cached.flatMap { ["traces/" + $0.trace.name + ".md", "traces/" + $0.trace.name + ".html"] })
                        reused += cached.count
                        continue
                    }
                    // Earlier traces changed which names these get: render the unit again under them.
                    key = k
                    var pending = names[...]
                    results = try render(unit).map { result in
                        result.map { rendered in
                            var named = rendered
                            named.assignedName = pending.popFirst()
                            return named
                        }
                    }
                case .fresh(let k, let r):
                    (key, results) = (k, r)
                }
                var traces: [Ready] = []
                var cacheable = true
                for result in results {
                    switch result {
                    case .failure(let error):
                        errors.append(error)
                        cacheable = false
                    case .success(var rendered):
                        let page = "traces/" + (rendered.assignedName ?? namer.name(for: rendered.traceID))
                        rendered.row.page = page
                        rendered.summary.page = page + ".html"
                        if let position = rendered.baselinePosition { baseline.markPaired(position) }
                        if comparing && rendered.baselinePosition == nil {
                            unpairedCurrent.append(UnpairedTrace(traceID: rendered.traceID, source: rendered.source))
                        }
                        traces.append(.fresh(rendered))
                    }
                }
                ready.append((key, cacheable, traces))
            }
            // Queue new pages (the last build's are linked by the queue) and encode summary entries in parallel:
            // encoding on the coordinating thread held the second core idle.
            let written = try ParallelWork.map(ready.flatMap(\.traces), jobs: jobs) {
                item -> BuildManifest.CachedTrace in
                switch item {
                case .fresh(let rendered):
                    try files.write(rendered.row.page + ".md", rendered.markdown)
                    try files.write(rendered.row.page + ".html", rendered.html)
                    return BuildManifest.CachedTrace(
                        name: item.name, traceID: rendered.traceID, source: rendered.source, row: rendered.row,
                        rowJSON: rendered.row.json,
                        summary: rendered.summary.json, baseline: rendered.baselinePosition)
                case .cached(let cached):
                    guard let trace = previous?.withSummary(cached) else {
                        throw PublishError(
                            path: (previousSite as NSString).appendingPathComponent("summary.json"),
                            reason:
                                "the last build's summary.json does not match its manifest: remove the output folder to build it anew"
                        )
                    }
                    return trace
                }
            }
            // Append to the summary, the manifest and the index rows in input order.
            var next = written.makeIterator()
            for unit in ready {
                var traces: [(trace: BuildManifest.CachedTrace, summaryOffset: Int)] = []
                for _ in unit.traces {
                    let trace = next.next()!
                    traces.append((trace, try summary.addEncoded(trace.summary)))
                    try rows.addEncoded(trace.rowJSON)
                    totals.add(trace.row)
                    catalog.add(trace.row.assets, traceID: trace.traceID, page: trace.row.page)
                }
                if let key = unit.key, unit.cacheable {
                    try manifest.line(BuildManifest.line(key: key, traces: traces))
                }
            }
            try files.check()
            progress?(totals.traces)
        }

        var batch: [LoadUnit] = []
        try loader.units(options.inputs) { unit in
            batch.append(unit)
            if batch.count == Self.batchSize {
                try flush(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try flush(batch)

        totals.inputErrors = errors.count
        let unpaired =
            comparing
            ? Unpaired(
                baseline: baseline.unpaired.map { UnpairedTrace(traceID: $0.traceID, source: $0.source) },
                current: unpairedCurrent) : nil
        let indexPages = PageRenderer.indexPageCount(rows.count)
        // Index pages are rendered `jobs` at a time: one after another they were a serial tail of the build.
        // A later page whose digest is the last build's is taken over as it is.
        var pending: [(number: Int, rows: [String])] = []
        var digests: [String] = []
        let tally = totals.tally
        let inputErrors = errors
        let lastDigests = previous?.indexPages ?? []
        let batchFindings = BatchFindings.findings(catalog, registry: options.registry)
        var history = BuildHistory.load(output: previousSite, seed: options.historySeed, notes: options.notes)
        var entry = HistoryEntry(
            build: 0, time: options.historyTime, input: TraceInput.describe(options.inputs, baseline: options.baseline),
            traces: tally.traces,
            stagesCaptured: tally.captured, stagesEmpty: tally.empty, stagesMissing: tally.missing,
            tracesFailing: totals.tracesFailing,
            stageAssetsMissing: tally.broken,
            fallbackShare: totals.assetUses == 0
                ? 0 : (Double(totals.fallbackUses) / Double(totals.assetUses) * 10_000).rounded() / 10_000,
            overrides: totals.overrideUses, drift: batchFindings.filter { $0.kind == .versionDrift }.count)
        entry.stagesInferred = tally.inferred
        entry.tracesNoStages = tally.noStages
        history.append(entry, limit: options.historyLimit)
        let historyNow = history
        func writeIndexPages() throws {
            _ = try ParallelWork.map(pending, jobs: jobs) { item in
                let page = try renderer.indexPage(
                    item.number, of: indexPages, rows: try item.rows.map(IndexRow.parse)[...], tally: tally,
                    errors: inputErrors, unpaired: unpaired,
                    batchFindings: batchFindings, history: historyNow)
                try files.write(page.name + ".md", page.markdown)
                try files.write(page.name + ".html", page.html)
            }
            pending.removeAll()
        }
        try rows.pages(of: IndexPageModel.rowsPerPage) { pageRows in
            let number = digests.count + 1
            let digest = IndexPageModel.digest(
                page: number, of: indexPages, rows: pageRows, tally: tally, comparing: unpaired != nil)
            digests.append(digest)
            if !digest.isEmpty, lastDigests.count >= number, lastDigests[number - 1] == digest {
                let name = IndexPageModel.pageName(number)
                files.link([name + ".md", name + ".html"])
                return
            }
            pending.append((number, pageRows))
            if pending.count == jobs { try writeIndexPages() }
        }
        try writeIndexPages()
        try writeAssetPages(catalog, findings: batchFindings, traces: tally.traces, renderer: renderer, files: files)
        try files.finish()
        try manifest.line(BuildManifest.indexPagesLine(digests))
        try manifest.close()
        try site.write("style.css", options.templates.stylesheet)
        try site.write("favicon.svg", options.templates.icon)
        try site.write(BuildHistory.fileName, history.text)
        let drifting = Set(batchFindings.filter { $0.kind == .versionDrift }.compactMap(\.asset))
        var extra = [
            ("assets", catalog.json(drifting: drifting)),
            ("batch_findings", AssetCatalog.json(findings: batchFindings)),
        ]
        if let unpaired { extra.append(("unpaired", SummaryWriter.json(unpaired))) }
        try summary.finish(errors: errors, totals: totals, extra: extra)
        let replaced = try site.commit()
        return BuildResult(
            totals: totals, errors: errors, output: site.output, replacedFolder: replaced,
            pages: (rows.count + indexPages + catalog.count + 1) * 2, reused: reused)
    }
}

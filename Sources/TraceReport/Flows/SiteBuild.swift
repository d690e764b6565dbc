import Foundation

/// One run of `tracereport build` as named steps over the shared "analysed traces" step:
/// `addTraces` (load → analyse → render → publish each trace, a batch of units at a time),
/// then the batch's pages (`writeIndexPages`, `writeAssetPages`) and records (`publish`).
/// Its state lives on the coordinating thread; workers get only `TraceRendering`.
final class SiteBuild {
    let options: ReportPipeline.Options
    let site: SiteWriter
    let rendering: TraceRendering
    let files: PageFileQueue
    let previous: BuildManifest.Previous?
    /// The last build's site: only its own files are taken over.
    let last: PreviousSite
    let summary: SummaryWriter
    let manifest: SummaryWriter
    let rows: RowSpool
    /// Records each trace in input order on its own thread; `totals` and `catalog` are its, once all are in.
    let recorder: TraceRecorder
    var namer = PageNamer(spilling: true)
    /// How many traces have been placed: the next one is listed on index page `listed / rowsPerPage + 1`.
    var listed = 0
    var baseline: BaselineIndex
    var errors: [InputError]
    var unpairedCurrent: [UnpairedTrace] = []
    /// What the batch adds up from the traces' digests.
    var totals = BuildTotals()
    var catalog = AssetCatalog()
    /// Traces whose pages were the last build's.
    var reused = 0
    /// The staging folder started as the spare site (`SpareSite`): the last build's pages are in it already.
    let fromSpare: Bool
    /// The published `traces/` folder's files that are not regular files, looked for in the background
    /// when the build starts from the spare site (`settleTracePages`).
    let publishedLinks: BackgroundValue<[String]?>?
    /// The page files this build rendered (`<name>.md`, `<name>.html`), nil once there are too many to
    /// keep a spare site for the next build, and from the start when nothing can be taken over (every
    /// page is rendered: a full build holds no list that grows with the traces).
    var renderedPages: [String]?
    /// Where the next build can resume reading the table, when it reads one alone.
    var resumeAt: TableWatermark?
    /// Rows taken from the last build's manifest, not read (before the table's watermark).
    var replayed = 0
    /// Takes unchanged JSONL files over unread, when the build reads files with nothing else shaping their pages.
    var fileReuser: FileReuser?
    /// The digest of each index page's inputs, for the next build.
    var indexDigests: [String] = []
    /// The digest of each asset page's inputs, by path, for the next build.
    var assetDigests: [String: String] = [:]
    /// The golden-query tables of the inputs, nil when they hold none.
    let golden: GoldenTables?
    /// The traces golden runs name, by trace id (the first of an id).
    var goldenTraces: [String: GoldenTrace] = [:]
    /// Why an input has no golden section, said once its traces are read.
    let goldenNotes: [String]
    /// The read of the one table input, begun when the build begins (`readTable` takes it).
    let tableStart: BackgroundValue<TableReadStart>?

    var comparing: Bool { rendering.comparing }

    /// Opens the staging files, loads the baseline and the last build's manifest.
    init(options: ReportPipeline.Options, site: SiteWriter) throws {
        self.options = options
        self.site = site
        tableStart = Self.startTableRead(options, site: site)
        let comparing = !options.baseline.isEmpty
        let loader = TraceLoader(notes: options.notes)
        let (index, errors, baselineDigest) = try BaselineLoader.loadWithDigest(options.baseline, loader: loader)
        (baseline, self.errors) = (index, errors)
        // `--golden` names the tables; otherwise the inputs may hold them: looked for (a database asked) while
        // the last build's manifest is read.
        let inputs = options.inputs
        let goldenLoad =
            options.golden == nil ? BackgroundValue { GoldenInputs.load(inputs) } : nil
        let fingerprint = Self.fingerprint(options, baselineDigest: baselineDigest)
        last = PreviousSite(root: site.output)
        previous = BuildManifest.Previous(site: last, fingerprint: fingerprint)
        let golden = goldenLoad?.result ?? (tables: options.golden, errors: [], notes: [])
        self.golden = golden.tables
        self.errors += golden.errors
        goldenNotes = golden.notes
        var renderer = PageRenderer(templates: options.templates, generated: options.generated, comparing: comparing)
        renderer.golden = golden.tables != nil
        renderer.registry = options.registry
        rendering = TraceRendering(
            index: index, renderer: renderer, comparing: comparing, goldenIDs: golden.tables?.traceIDs ?? [],
            hasGolden: golden.tables != nil)
        // Pages are taken over only under the same fingerprint; otherwise an empty folder is as quick.
        fromSpare = previous != nil ? try site.startFromSpare() : false
        // Started from the spare, the published `traces/` is only looked through for planted links: done
        // now, while the build starts on one core, not beside the index pages.
        let published = last.path("traces")
        publishedLinks =
            fromSpare
            ? BackgroundValue { SpareSite.strays(in: published, removing: false, belongs: { _ in true }).strays } : nil
        renderedPages = previous != nil ? [] : nil
        files = PageFileQueue(site: site, previous: last)
        summary = try SummaryWriter(path: site.stagingPath("summary.json"))
        manifest = try SummaryWriter.lines(path: site.stagingPath(BuildManifest.fileName))
        try site.makeFolder("traces")
        rows = try RowSpool(path: site.stagingPath(RowSpool.fileName), records: manifest)
        try manifest.line(BuildManifest.header(fingerprint))
        recorder = TraceRecorder(
            summary: summary, manifest: manifest, rows: rows, previous: previous, output: site.output)
    }

    /// The writers' queues may still copy from the last build's files, which close with it: a build that
    /// failed after its traces waits for them. A table read begun and not taken ends as it goes.
    deinit {
        summary.drain()
        manifest.drain()
    }

    /// Begins reading the one table input at once, when a build from it can resume from the last build's
    /// watermark (`resumableTable` decides, later, whether it does): the server counts the rows before the
    /// cutoff written on the manifest's last line while the build looks for golden tables and reads the rest.
    static func startTableRead(_ options: ReportPipeline.Options, site: SiteWriter) -> BackgroundValue<TableReadStart>?
    {
        guard let table = tableInput(options), options.golden == nil else { return nil }
        let manifest = PreviousSite(root: site.output).path(BuildManifest.fileName)
        let full = options.fullRead
        return BackgroundValue { table.startRead(checking: full ? nil : BuildManifest.lastWatermark(path: manifest)) }
    }

    /// What the last build must share with this one for its pages to be reused.
    static func fingerprint(_ options: ReportPipeline.Options, baselineDigest: String) -> String {
        // A registry that names asset ids shapes every trace page that lists them.
        let ids = (options.registry?.ids ?? [:]).sorted { $0.key < $1.key }.map {
            [$0.key, $0.value.kind, $0.value.name, $0.value.version].joined(separator: "\u{1}")
        }
        return StableHash.hex(
            ([
                BuildManifest.formatVersion, options.templates.fingerprint,
                options.baseline.isEmpty ? "-" : baselineDigest,
            ] + (ids.isEmpty ? [] : [StableHash.hex(ids.joined(separator: "\u{0}"))])).joined(separator: "\u{0}"))
    }

    /// How many units a batch holds: enough to keep every core busy, few enough to keep memory flat.
    static let batchSize = 256

    /// One batch: reuse or render (in parallel), name and pair (in input order), write pages (in parallel),
    /// then record each trace (in input order).
    func add(_ units: [LoadUnit]) throws {
        try add(prepared: try prepare(units))
    }

    /// Units ready to place: read and rendered, or taken from the last build.
    func add(prepared: [ReportPipeline.Prepared]) throws {
        let ready = try nameAndPair(prepared)
        fileReuser?.placed(ready)
        let written = try writePages(ready)
        try record(ready, written)
        try files.check()
    }

    /// The traces that paired with no baseline trace, and the baseline traces no trace paired with.
    var unpaired: Unpaired? {
        guard comparing else { return nil }
        return Unpaired(
            baseline: baseline.unpaired.map { UnpairedTrace(traceID: $0.traceID, source: $0.source) },
            current: unpairedCurrent)
    }

    /// The golden queries judged again, beside their stages; nil when the inputs hold no golden tables.
    func goldenReports() -> [GoldenQueryReport]? {
        guard var tables = golden else { return nil }
        tables.runs += GoldenAnalysis.newRuns(tables, traces: goldenTraces)
        return GoldenAnalysis.reports(tables, traces: goldenTraces)
    }

    /// Writes the records and swaps the staging folder in.
    func publish(
        history: BuildHistory, batchFindings: [Finding], golden: [GoldenQueryReport]?, differing: [String]?
    ) throws -> BuildResult {
        try files.finish()
        try manifest.line(BuildManifest.indexPagesLine(indexDigests))
        try manifest.line(BuildManifest.assetPagesLine(assetDigests))
        // A read with input errors is not resumed: their rows have no unit in the manifest to take over.
        if let resumeAt, errors.isEmpty { try manifest.line(BuildManifest.watermarkLine(resumeAt)) }
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
        if let golden { extra.append(("golden_queries", GoldenQueryReport.json(golden))) }
        try summary.finish(errors: errors, totals: totals, extra: extra)
        rows.remove()
        if let note = last.note { options.notes(note) }
        let replaced = try site.commit(differing: differing)
        fileReuser?.save()
        return BuildResult(
            totals: totals, errors: errors, output: site.output, replacedFolder: replaced,
            pages: (rows.count + indexDigests.count + 2 * catalog.count + 1 + (golden.map { $0.count + 1 } ?? 0)) * 2,
            reused: reused, replayed: replayed, unreadFiles: fileReuser?.files ?? 0)
    }
}

/// What a worker needs to analyse and render a trace: nothing here depends on other traces.
struct TraceRendering: Sendable {
    let index: BaselineIndex
    let renderer: PageRenderer
    let comparing: Bool
    /// The traces golden runs name.
    let goldenIDs: Set<String>
    /// The build has golden tables: traces that answered a golden query (`rerun --golden`) are kept too.
    var hasGolden = false

    /// The traces of one unit, analysed against the baseline and rendered; placed when `placements`
    /// (one per trace the unit decodes to) says where, else placed afterwards.
    func render(_ unit: LoadUnit, placements: [TracePlacement]? = nil) throws -> [Result<
        ReportPipeline.Rendered, InputError
    >] {
        var pending = placements?[...]
        return try unit.decode().map { result -> Result<ReportPipeline.Rendered, InputError> in
            switch result {
            case .failure(let error): return .failure(error)
            case .trace(let loaded):
                let (analysis, position) = index.analyse(loaded)
                let placement = pending?.popFirst()
                let page = try renderer.tracePageBytes(analysis, occurrence: placement?.occurrence ?? 1)
                return .success(
                    ReportPipeline.Rendered(
                        digest: TraceDigest(analysis, comparing: comparing),
                        summary: SummaryEntry(analysis, page: "", comparing: comparing),
                        markdown: page.markdown, html: page.html,
                        traceID: loaded.trace.traceID, source: loaded.source, baselinePosition: position,
                        placement: placement,
                        golden: goldenIDs.contains(loaded.trace.traceID)
                            || (hasGolden && loaded.trace.goldenQueryID != nil)
                            ? GoldenTrace(analysis) : nil))
            }
        }
    }
}

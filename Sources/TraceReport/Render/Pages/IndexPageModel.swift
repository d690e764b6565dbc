/// What `index.mustache` sees: totals, one row per trace with a coverage
/// cell per stage column, and the input errors.
struct IndexPageModel: TemplateFields {
    /// Trace ids longer than this are cut in the traces table (whole in the link's title and on the trace page).
    static let idLimit = 48

    nonisolated(unsafe) static let fields = FieldTable<Self>([
        "hasPages": { $0.hasPages.templateValue }, "pages": { $0.pages.templateValue },
        "generated": { $0.generated.templateValue }, "verdict": { $0.verdict.templateValue },
        "beforeAfterVerdict": { $0.beforeAfterVerdict.templateValue }, "totals": { $0.totals.templateValue },
        "firstPage": { $0.firstPage.templateValue }, "hasRows": { $0.hasRows.templateValue },
        "rows": { $0.rows.templateValue }, "stageColumns": { $0.stageColumns.templateValue },
        "legend": { $0.legend.templateValue }, "hasErrors": { $0.hasErrors.templateValue },
        "errors": { $0.errors.templateValue }, "comparing": { $0.comparing.templateValue },
        "hasUnpaired": { $0.hasUnpaired.templateValue }, "unpairedBaseline": { $0.unpairedBaseline.templateValue },
        "unpairedCurrent": { $0.unpairedCurrent.templateValue }, "assetsLink": { $0.assetsLink.templateValue },
        "goldenLink": { $0.goldenLink.templateValue },
        "matrix": { $0.matrix.templateValue }, "hasBatchFindings": { $0.hasBatchFindings.templateValue },
        "batchFindings": { $0.batchFindings.templateValue }, "history": { $0.history.templateValue },
    ])

    /// The stages every report shows as columns, in pipeline order.
    static let standardStages = PipelineSpec.stageOrder
    /// Past this many other stage names, the rest share one `other` column.
    static let extraColumnLimit = 6
    static let otherColumn = "other"

    let generated: String?
    let verdict: String?
    let beforeAfterVerdict: String?
    /// The totals over all traces: on the first page only, so the other pages depend on their own rows
    /// alone and an incremental build can take them over unchanged.
    let totals: Totals?
    /// On later pages, the link to the first.
    let firstPage: String?
    let hasRows: Bool
    let rows: [Row]
    let stageColumns: [String]
    let legend: String
    let hasErrors: Bool
    let errors: [ErrorRow]
    let comparing: Bool
    let hasUnpaired: Bool
    let unpairedBaseline: [UnpairedRow]
    let unpairedCurrent: [UnpairedRow]

    /// `pageExtension` is `md` for the Markdown index and `html` for the HTML one.
    /// A link to one page of a long index.
    struct PageLink: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "number": { $0.number.templateValue }, "href": { $0.href.templateValue },
            "current": { $0.current.templateValue },
        ])
        let number: Int
        let href: String
        let current: Bool
    }

    /// How many traces one index page lists; longer indexes are split into `index-2`, `index-3`, ... A page
    /// changed by one trace is rendered again whole, so its size is the floor of an incremental build: at
    /// 1,000 rows the first page (totals) and the edited one were a fifth of a one-trace rebuild of 10,000
    /// traces (220 → 178 ms at 250), with the same full build and a smaller peak.
    static let rowsPerPage = 250

    /// The file name (without extension) of index page `number` (from 1).
    static func pageName(_ number: Int) -> String { number == 1 ? "index" : "index-\(number)" }

    let hasPages: Bool
    let pages: [PageLink]
    /// The asset index, linked from every page.
    let assetsLink: String
    /// On the first page, when the site has golden-query pages.
    let goldenLink: String?
    /// On the first page: the stage × kind matrix and the batch findings (version drift, staleness).
    let matrix: Matrix?
    let hasBatchFindings: Bool
    let batchFindings: [BatchFindingRow]
    /// On the first page: the trend over the site's builds (`history.jsonl`).
    let history: HistoryView?

    /// The model of the first (or only) page of an index of `traces` (named).
    init(
        traces: [TraceDigest], errors: [InputError], unpaired: Unpaired? = nil, generated: String?,
        pageExtension: String
    ) {
        self.init(
            rows: traces.map(IndexRow.init)[...], tally: IndexTally(traces), page: 1, pageCount: 1, errors: errors,
            unpaired: unpaired, generated: generated, pageExtension: pageExtension)
    }

    /// The model of index page `page` of `pageCount` (from 1): totals from the tally of all traces, the
    /// table of this page's `rows`; the input errors and unpaired traces on the first page.
    init(
        rows shown: ArraySlice<IndexRow>, tally: IndexTally, page: Int, pageCount: Int, errors allErrors: [InputError],
        unpaired: Unpaired?, generated: String?,
        pageExtension: String, batchFindings: [Finding] = [], history: BuildHistory? = nil, goldenLink: String? = nil
    ) {
        self.goldenLink = goldenLink
        self.history = page == 1 ? history.map(HistoryView.init) : nil
        assetsLink = AssetPagePath.index + "." + pageExtension
        matrix = page == 1 && tally.traces > 0 ? Matrix(tally) : nil
        let batch = page == 1 ? batchFindings : []
        hasBatchFindings = !batch.isEmpty
        self.batchFindings = batch.map {
            BatchFindingRow(
                severityBadge: Badge.severity($0.severity), kind: $0.kind.rawValue, stage: TextFormat.orDash($0.stage),
                asset: TextFormat.cut($0.asset ?? "-"),
                href: AssetPagePath.page(for: $0.asset ?? "") + "." + pageExtension,
                message: TextFormat.cut($0.message, limit: 600))
        }
        pages = Self.pageLinks(page, of: pageCount).map {
            PageLink(number: $0, href: Self.pageName($0) + "." + pageExtension, current: $0 == page)
        }
        hasPages = pageCount > 1
        let errors = page == 1 ? allErrors : []
        self.generated = generated
        var seenExtra: Set<String> = []
        let extra = tally.extraStages.map { TextFormat.cut($0, limit: 60) }.filter { seenExtra.insert($0).inserted }
        let overflow = extra.count > Self.extraColumnLimit
        let columns =
            Self.standardStages + (overflow ? Array(extra.prefix(Self.extraColumnLimit)) + [Self.otherColumn] : extra)
        stageColumns = columns
        let first = page == 1
        totals =
            !first
            ? nil
            : Totals(
                traces: tally.traces, stages: tally.stages, captured: tally.captured, empty: tally.empty,
                missing: tally.missing,
                inferred: tally.inferred, noStages: tally.noStages, errors: tally.errors, warnings: tally.warnings,
                infos: tally.infos, inputErrors: allErrors.count)
        firstPage = first ? nil : Self.pageName(1) + "." + pageExtension
        verdict =
            !first || tally.broken + tally.backFilled == 0
            ? nil
            : [
                tally.broken == 0
                    ? nil
                    : "\(TextFormat.count(tally.broken, "trace")) of \(tally.traces) recorded global assets but no per-stage assets (stage-assets-missing).",
                tally.backFilled == 0
                    ? nil
                    : "\(TextFormat.count(tally.backFilled, "trace")) of \(tally.traces) hold only stage assets an API export back-filled (stage-assets-inferred): read the rows themselves.",
            ].compactMap { $0 }.joined(separator: " ")
        beforeAfterVerdict =
            !first || unpaired == nil
            ? nil
            : "Before → after: \(tally.pairedBrokenBefore) of \(tally.paired) paired baseline traces had global assets but no per-stage assets; now \(tally.pairedBrokenNow) do."
        let unpaired = page == 1 ? unpaired : unpaired.map { _ in Unpaired(baseline: [], current: []) }
        let columnSet = Set(columns)
        self.rows = shown.map { row in
            let cells =
                row.ranNoStage
                ? columns.map { _ in Badge.noStages }
                : columns.map { column -> String in
                    let matching = row.stages.filter {
                        column == Self.otherColumn ? !columnSet.contains($0.name) : $0.name == column
                    }
                    return Self.cell(matching.map(\.coverage))
                }
            var findings: [String] = []
            if row.errors > 0 { findings.append(Badge.span("error", TextFormat.count(row.errors, "error"))) }
            if row.warnings > 0 { findings.append(Badge.span("warning", TextFormat.count(row.warnings, "warning"))) }
            if row.infos > 0 { findings.append(Badge.span("info", "\(row.infos) info")) }
            return Row(
                traceID: row.traceID, page: row.page + "." + pageExtension,
                shownID: row.traceID.count > Self.idLimit
                    ? String(row.traceID.prefix(Self.idLimit - 1)) + "…" : row.traceID,
                idTitle: row.traceID.count > Self.idLimit ? " \"" + MarkdownEscaper.linkTitle(row.traceID) + "\"" : "",
                question: row.question,
                questionInLanguage: Language.marked(row.question), route: row.route,
                status: row.status,
                cells: cells, beforeAfter: row.beforeAfter, assets: row.assetCount,
                findings: !findings.isEmpty
                    ? findings.joined(separator: " ")
                    // "none" is green only when every stage captured its assets (or none ran).
                    : row.stages.allSatisfy({ $0.coverage == .captured }) ? Badge.clean : Badge.span("none", "none"))
        }
        hasRows = !shown.isEmpty
        legend =
            StageCoverage.allCases.map(Badge.coverage).joined(separator: " ") + " " + Badge.noStages
            + " (the trace ran no stage) " + Badge.notRun + " not run"
        self.errors = errors.map { ErrorRow(source: $0.source, message: TextFormat.cut($0.message, limit: 600)) }
        hasErrors = !errors.isEmpty
        comparing = unpaired != nil
        let cut = { (trace: UnpairedTrace) in
            UnpairedRow(traceID: TextFormat.cut(trace.traceID, limit: 120), source: trace.source)
        }
        unpairedBaseline = (unpaired?.baseline ?? []).map(cut)
        unpairedCurrent = (unpaired?.current ?? []).map(cut)
        hasUnpaired = !unpairedBaseline.isEmpty || !unpairedCurrent.isEmpty
    }

    /// The pages a page links to: the first lists them all; a later one links the first, its neighbours
    /// and itself, so it does not change when pages are added after its next one.
    static func pageLinks(_ page: Int, of pageCount: Int) -> [Int] {
        let count = max(1, pageCount)
        if page == 1 { return Array(1...count) }
        return Array(Set([1, page - 1, page, min(page + 1, count)])).sorted()
    }

    /// A digest of everything page `page` (from 2) shows: the hash of its rows as spooled (`RowSpool.rowsHash`), its page links, the stage
    /// columns and whether the build compares. The first page, with the totals, has none (""). When a
    /// later page's digest equals the last build's, the page is that build's, byte for byte.
    static func digest(page: Int, of pageCount: Int, rowsHash: UInt64, tally: IndexTally, comparing: Bool) -> String {
        guard page > 1 else { return "" }
        let links = pageLinks(page, of: pageCount).map(String.init).joined(separator: ",")
        var text = (([links, comparing ? "+" : "-"] + tally.extraStages + ["\u{0}"]).joined(separator: "\n") + "\n")
        return StableHash.hex(text.withUTF8 { StableHash.words(UnsafeRawBufferPointer($0), seed: rowsHash) })
    }

    /// One cell: the coverage when every occurrence agrees, `mixed` when not, `—` when the stage did not run.
    static func cell(_ coverages: [StageCoverage]) -> String {
        guard let first = coverages.first else { return Badge.notRun }
        return coverages.allSatisfy({ $0 == first }) ? Badge.coverage(first) : Badge.mixed
    }
}

/// A kind of page of the site: the template that renders it, its model, where it stands
/// and its title. `PageRenderer.render(_:)` makes any kind's Markdown and HTML, so a new
/// kind of page is one conforming type, its model and its template (and the flow step
/// that writes it).
protocol PageKind: Sendable {
    /// The template that renders the page's Markdown (`TemplateSet.trace`, ...).
    static var template: String { get }
    /// Where the page stands in the site, without extension: `traces/x`, `index-2`, `assets/prompt`.
    var path: String { get }
    /// The HTML page's title.
    var title: String { get }
    /// The layout's body class: `index` (tables) or `trace` (reading width).
    var pageClass: String { get }
    /// Whether the page links back to the index (every page but the index pages).
    var linksHome: Bool { get }
    /// The index page its "All traces" link leads to, from the site root: `index.html`, or for a trace,
    /// the page that lists it.
    var home: String { get }
    /// Whether the page shows the build's time: only the site's front page does, so that every
    /// other page depends on its own inputs alone and a later build can take it over unchanged.
    var showsBuildTime: Bool { get }
    /// The page's model, its links to other pages ending in `pageExtension`.
    func model(generated: String?, pageExtension: String) -> any TemplateObject
}

extension PageKind {
    var showsBuildTime: Bool { false }
    var home: String { IndexPageModel.pageName(1) + ".html" }
}

/// A trace's page, stages expanded.
struct TracePage: PageKind {
    static let template = TemplateSet.trace
    let analysis: TraceAnalysis
    let comparing: Bool
    /// Names the asset ids of `asset_versions`, when it knows them.
    var registry: AssetRegistry?
    /// The trace's name in the batch; its page is `traces/<name>`.
    var name = ""
    /// Which trace with its id this is in the build (1 for the first): later ones say so in their titles.
    var occurrence = 1
    /// The index page that lists the trace (from 1); nil while the build has not placed it, which leaves
    /// `PageRenderer.homeMarker` in the HTML for `PageRenderer.placingHome` to fill in.
    var indexPage: Int?
    var path: String { PageNamer.tracePage(name) }
    var home: String { indexPage.map { IndexPageModel.pageName($0) + ".html" } ?? PageRenderer.homeMarker }
    var title: String {
        "Trace \(TextFormat.cut(analysis.trace.traceID, limit: 120))"
            + (TracePageModel.repeated(occurrence, source: analysis.loaded.source).map { " (\($0))" } ?? "")
    }
    var pageClass: String { "trace" }
    var linksHome: Bool { true }

    func model(generated: String?, pageExtension: String) -> any TemplateObject {
        TracePageModel(
            analysis, openDetails: true, comparing: comparing, assetLinks: pageExtension,
            registry: registry?.ids.isEmpty == false ? registry : nil, occurrence: occurrence)
    }
}

/// Index page `number` of `count`: the totals and matrix on the first, a thousand rows on each.
struct IndexPage: PageKind {
    static let template = TemplateSet.index
    let number: Int
    let count: Int
    let rows: ArraySlice<IndexRow>
    let tally: IndexTally
    let errors: [InputError]
    let unpaired: Unpaired?
    let batchFindings: [Finding]
    let history: BuildHistory?
    /// The site has golden-query pages: the first page links them.
    var golden = false
    var path: String { IndexPageModel.pageName(number) }
    var title: String { number == 1 ? "Trace report" : "Trace report, page \(number)" }
    var pageClass: String { "index" }
    var linksHome: Bool { false }
    var showsBuildTime: Bool { number == 1 }

    func model(generated: String?, pageExtension: String) -> any TemplateObject {
        IndexPageModel(
            rows: rows, tally: tally, page: number, pageCount: count, errors: errors, unpaired: unpaired,
            generated: generated, pageExtension: pageExtension, batchFindings: batchFindings, history: history,
            goldenLink: golden && number == 1 ? GoldenPagePath.index + "." + pageExtension : nil)
    }
}

/// The asset index, `assets/index`: every asset key of the batch.
struct AssetIndexPage: PageKind {
    static let template = TemplateSet.assets
    let catalog: AssetCatalog
    let findings: [Finding]
    let traces: Int
    var path: String { AssetPagePath.index }
    var title: String { "Assets" }
    var pageClass: String { "index" }
    var linksHome: Bool { true }

    func model(generated: String?, pageExtension: String) -> any TemplateObject {
        AssetIndexModel(
            catalog, drifting: Set(findings.filter { $0.kind == .versionDrift }.compactMap(\.asset)), traces: traces,
            generated: generated, pageExtension: pageExtension)
    }
}

/// One asset key across the batch.
struct AssetPage: PageKind {
    static let template = TemplateSet.asset
    let asset: AssetCatalog.Asset
    let findings: [Finding]
    let registry: AssetRegistry?
    /// The site has golden-query pages: the page links them.
    var golden = false
    var path: String { AssetPagePath.page(for: asset.key) }
    var title: String { "Asset \(TextFormat.cut(asset.key, limit: 120))" }
    var pageClass: String { "trace" }
    var linksHome: Bool { true }

    func model(generated: String?, pageExtension: String) -> any TemplateObject {
        AssetPageModel(
            asset, findings: findings, registry: registry, generated: generated, pageExtension: pageExtension,
            goldenLink: golden ? AssetPagePath.root(from: path) + GoldenPagePath.index + "." + pageExtension : nil)
    }
}

/// The traces behind one asset key's lists, `asset-traces/<kind>[/<name>]`.
struct AssetTracesPage: PageKind {
    static let template = TemplateSet.assetTraces
    let asset: AssetCatalog.Asset
    var path: String { AssetPagePath.traces(for: asset.key) }
    var title: String { "Traces of asset \(TextFormat.cut(asset.key, limit: 120))" }
    var pageClass: String { "trace" }
    var linksHome: Bool { true }

    func model(generated: String?, pageExtension: String) -> any TemplateObject {
        AssetTracesModel(asset, pageExtension: pageExtension)
    }
}

/// The golden queries' index, `golden/index`.
struct GoldenIndexPage: PageKind {
    static let template = TemplateSet.goldenIndex
    let reports: [GoldenQueryReport]
    var path: String { GoldenPagePath.index }
    var title: String { "Golden queries" }
    var pageClass: String { "index" }
    var linksHome: Bool { true }

    func model(generated: String?, pageExtension: String) -> any TemplateObject {
        GoldenIndexModel(reports, generated: generated, pageExtension: pageExtension)
    }
}

/// One golden query and its runs, `golden/<query>`.
struct GoldenQueryPage: PageKind {
    static let template = TemplateSet.golden
    let report: GoldenQueryReport
    var path: String { GoldenPagePath.page(for: report.query.id) }
    var title: String {
        "Golden query \(TextFormat.cut(report.query.name.isEmpty ? report.query.id : report.query.name, limit: 120))"
    }
    var pageClass: String { "trace" }
    var linksHome: Bool { true }

    func model(generated: String?, pageExtension: String) -> any TemplateObject {
        GoldenQueryModel(report, generated: generated, pageExtension: pageExtension)
    }
}

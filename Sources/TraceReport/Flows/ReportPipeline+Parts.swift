import Foundation

/// What the build passes between its steps, and the steps that stand on their own.
extension ReportPipeline {
    /// A trace decoded, analysed and rendered by a worker; named and written afterwards.
    struct Rendered: Sendable {
        var row: IndexRow
        var summary: SummaryEntry
        var markdown: String
        var html: String
        var traceID: String
        var source: String
        var baselinePosition: Int?
        /// The page name, when it was fixed before rendering (a reused unit rendered again).
        var assignedName: String?
    }

    /// One input unit after the parallel step: rendered now, or found unchanged in the last build.
    enum Prepared: Sendable {
        case fresh(key: String?, results: [Result<Rendered, InputError>])
        case cached(key: String, traces: [BuildManifest.PreviousTrace], unit: LoadUnit)
    }

    /// A trace ready to write: its page's content, or the last build's page to link.
    enum Ready: Sendable {
        case fresh(Rendered)
        case cached(BuildManifest.PreviousTrace)

        var name: String {
            switch self {
            case .fresh(let r): String(r.row.page.dropFirst("traces/".count))
            case .cached(let c): c.trace.name
            }
        }
    }

    /// How many units a batch holds: enough to keep every core busy, few enough to keep memory flat.
    static let batchSize = 256

    /// What the last build must share with this one for its pages to be reused.
    func fingerprint(baselineDigest: String) -> String {
        StableHash.hex(
            [
                BuildManifest.formatVersion, options.templates.fingerprint, options.generated ?? "",
                options.baseline.isEmpty ? "-" : baselineDigest,
            ].joined(separator: "\u{0}"))
    }

    /// The asset index and one page per asset key, `jobs` at a time. Rendered anew in every build:
    /// each depends on every trace, and they are few next to the trace pages.
    func writeAssetPages(
        _ catalog: AssetCatalog, findings: [Finding], traces: Int, renderer: PageRenderer, files: PageFileQueue
    ) throws {
        let index = try renderer.assetIndex(catalog, findings: findings, traces: traces)
        try files.write(AssetPagePath.index + ".md", index.markdown)
        try files.write(AssetPagePath.index + ".html", index.html)
        let byKey = Dictionary(grouping: findings, by: { $0.asset ?? "" })
        let registry = options.registry
        _ = try ParallelWork.map(catalog.sorted, jobs: options.jobs) { asset in
            let page = try renderer.assetPage(asset, findings: byKey[asset.key] ?? [], registry: registry)
            let path = AssetPagePath.page(for: asset.key)
            try files.write(path + ".md", page.markdown)
            try files.write(path + ".html", page.html)
        }
    }
}

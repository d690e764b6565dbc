/// What `asset-traces.mustache` sees: the traces behind one asset key's lists — each display (version),
/// fallbacks, overrides, traces that list it only globally — the first `AssetCatalog.listLimit` of each
/// in input order. It holds no count, so once a list is full, traces added later leave the page as it was;
/// the asset's own page (`AssetPageModel`) counts them all.
struct AssetTracesModel: TemplateFields {
    nonisolated(unsafe) static let fields = FieldTable<Self>([
        "key": { $0.key.templateValue }, "home": { $0.home.templateValue },
        "assetsHome": { $0.assetsHome.templateValue }, "assetPage": { $0.assetPage.templateValue },
        "lists": { $0.lists.templateValue }, "listLimit": { $0.listLimit.templateValue },
    ])

    /// Up to `AssetCatalog.listLimit` traces as links, and a note when there were more.
    struct TraceList: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "title": { $0.title.templateValue }, "anchor": { $0.anchor.templateValue },
            "anchorTag": { $0.anchorTag.templateValue }, "links": { $0.links.templateValue },
            "more": { $0.more.templateValue },
        ])
        let title: String
        let anchor: String
        /// The anchor, in the HTML page only (`HTMLOnly`).
        let anchorTag: String
        let links: [Link]
        let more: String?
    }

    struct Link: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "text": { $0.text.templateValue }, "href": { $0.href.templateValue },
        ])
        let text: String
        let href: String
    }

    let key: String
    let home: String
    let assetsHome: String
    let assetPage: String
    let lists: [TraceList]
    let listLimit = AssetCatalog.listLimit

    /// The anchor of the list of display `index` (from 0), which the asset page's versions link.
    static func displayAnchor(_ index: Int) -> String { "display-\(index + 1)" }

    /// The lists an asset's traces page holds, in order: one per display, then fallbacks, overrides and
    /// traces that list it only globally, each when it holds a trace.
    static func lists(of asset: AssetCatalog.Asset) -> [(title: String, anchor: String, traces: AssetCatalog.TraceList)]
    {
        var lists = asset.displays.enumerated().map { i, d in
            (title: "Traces with \(TextFormat.cut(d.display))", anchor: displayAnchor(i), traces: d.traces)
        }
        if asset.fallbacks.count > 0 { lists.append(("Served from a fallback", "fallback", asset.fallbacks)) }
        if asset.overrides.count > 0 { lists.append(("Set by an override", "override", asset.overrides)) }
        if asset.globalOnly.count > 0 {
            lists.append(("Listed in the global applied_assets, but in no stage", "global-only", asset.globalOnly))
        }
        return lists
    }

    /// The model of `asset`'s traces page, its links written for files ending in `pageExtension`.
    init(_ asset: AssetCatalog.Asset, pageExtension: String) {
        let page = AssetPagePath.traces(for: asset.key)
        let root = AssetPagePath.root(from: page)
        key = TextFormat.cut(asset.key)
        home = root + IndexPageModel.pageName(1) + "." + pageExtension
        assetsHome = root + AssetPagePath.index + "." + pageExtension
        assetPage = root + AssetPagePath.page(for: asset.key) + "." + pageExtension
        lists = Self.lists(of: asset).map { list in
            TraceList(
                title: list.title, anchor: list.anchor, anchorTag: HTMLOnly.anchor(list.anchor),
                links: list.traces.first.map {
                    Link(
                        text: TextFormat.cut($0.traceID, limit: 120),
                        href: root + PageNamer.tracePage($0.name) + "." + pageExtension)
                },
                // No count: the page stays as it was while traces are added to a full list.
                more: list.traces.count > list.traces.first.count
                    ? "Only the first \(AssetCatalog.listLimit) are listed." : nil)
        }
    }
}

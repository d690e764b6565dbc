/// The asset pages: the asset index, each asset key's page and its traces page.
extension PageRenderer {
    /// The asset index (`assets/index`) and one page per asset key (`AssetPagePath`), Markdown and HTML.
    public func assetIndex(_ catalog: AssetCatalog, findings: [Finding], traces: Int) throws(TemplateError) -> (
        markdown: String, html: String
    ) {
        try render(AssetIndexPage(catalog: catalog, findings: findings, traces: traces))
    }

    /// One asset's page across the batch.
    public func assetPage(_ asset: AssetCatalog.Asset, findings: [Finding], registry: AssetRegistry?)
        throws(TemplateError) -> (markdown: String, html: String)
    {
        try render(AssetPage(asset: asset, findings: findings, registry: registry, golden: golden))
    }

    /// The traces behind one asset's lists.
    public func assetTracesPage(_ asset: AssetCatalog.Asset) throws(TemplateError) -> (markdown: String, html: String) {
        try render(AssetTracesPage(asset: asset))
    }
}

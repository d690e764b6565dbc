/// Site pages whose HTML stays UTF-8 bytes from cmark-gfm to the file: converted Markdown, the
/// layout around it, the link back filled in. Made a `String` at each step, every page was checked
/// as UTF-8 three more times (a twentieth of a full build).
extension PageRenderer {
    /// A page of any kind as Markdown and as the bytes of its HTML page (see `render(_:)`).
    func renderBytes(_ page: some PageKind) throws(TemplateError) -> (markdown: String, html: [UInt8]) {
        let template = try templates.renderBytes(
            type(of: page).template,
            page.model(generated: page.showsBuildTime ? generated : nil, pageExtension: "\u{0}"))
        let (markdown, htmlMarkdown) = PageText.expand(template)
        return (markdown, try layout(page, body: UTF8Text(MarkdownConverter.html(from: htmlMarkdown))))
    }

    /// The HTML page of `page` holding `body`, converted Markdown.
    func layout(_ page: some PageKind, body: UTF8Text) throws(TemplateError) -> [UInt8] {
        let root = AssetPagePath.root(from: page.path)
        let title = page.title
        return try templates.renderBytes(
            TemplateSet.layout,
            LayoutModel(
                title: title.utf8.contains(0) ? title.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : title,
                csp: LayoutModel.siteCSP, note: nil, stylesheet: root + "style.css", icon: root + "favicon.svg",
                inlineStyle: nil, home: page.linksHome ? root + page.home : nil, body: body,
                generated: page.showsBuildTime ? generated : nil, pageClass: page.pageClass))
    }
}

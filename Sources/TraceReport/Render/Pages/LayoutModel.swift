/// What `layout.mustache` sees (HTML content type: every `{{value}}` is HTML-escaped).
struct LayoutModel: TemplateFields {
    nonisolated(unsafe) static let fields = FieldTable<Self>([
        "title": { $0.title.templateValue }, "csp": { $0.csp.templateValue }, "note": { $0.note.templateValue },
        "stylesheet": { $0.stylesheet.templateValue }, "icon": { $0.icon.templateValue },
        "inlineStyle": { $0.inlineStyle.templateValue }, "home": { $0.home.templateValue },
        "body": { $0.body.templateValue }, "generated": { $0.generated.templateValue },
        "pageClass": { $0.pageClass.templateValue },
    ])

    /// The policy of site pages: no script, no inline style, nothing from elsewhere.
    static let siteCSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
    /// The policy of a single-file report: its one exception is the inline stylesheet.
    static let singleFileCSP =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"

    let title: String
    let csp: String
    let note: String?
    let stylesheet: String?
    /// The site's icon; without one, browsers ask the server root for `/favicon.ico`.
    let icon: String?
    let inlineStyle: String?
    let home: String?
    let body: UTF8Text
    let generated: String?
    /// `index` or `trace`: lets the stylesheet give the wide index more room.
    let pageClass: String
}

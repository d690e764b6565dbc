/// What `layout.mustache` sees (HTML content type: every `{{value}}` is HTML-escaped).
struct LayoutModel: TemplateFields {
    nonisolated(unsafe) static let fields: [String: (Self) -> Any?] = ["title": { $0.title }, "csp": { $0.csp }, "note": { $0.note }, "stylesheet": { $0.stylesheet }, "icon": { $0.icon }, "inlineStyle": { $0.inlineStyle }, "home": { $0.home }, "body": { $0.body }, "generated": { $0.generated }, "pageClass": { $0.pageClass }]

    /// The policy of site pages: no script, no inline style, nothing from elsewhere.
    static let siteCSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
    /// The policy of a single-file report: its one exception is the inline stylesheet.
    static let singleFileCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"

    let title: String
    let csp: String
    let note: String?
    let stylesheet: String?
    /// The site's icon; without one, browsers ask the server root for `/favicon.ico`.
    let icon: String?
    let inlineStyle: String?
    let home: String?
    let body: String
    let generated: String?
    /// `index` or `trace`: lets the stylesheet give the wide index more room.
    let pageClass: String
}

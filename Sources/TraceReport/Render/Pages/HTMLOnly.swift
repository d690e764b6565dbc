/// Markup only the HTML page gets: `PageText.expand` keeps what is between U+0004 and U+0005 in the
/// HTML and leaves it out of the Markdown, so a Markdown page reads as text (a link within the page
/// becomes its text, an anchor nothing). Anchors are ids tracereport makes, never trace text.
enum HTMLOnly {
    /// `text` in the HTML page only.
    static func wrap(_ text: String) -> String { "\u{4}" + text + "\u{5}" }

    /// Markup a review attachment keeps in its Markdown (a collapsed `<details>` keeps a comment short)
    /// and a site page keeps in its HTML only.
    static func unlessAttachment(_ text: String, site: Bool) -> String { site ? wrap(text) : text }

    /// An anchor to link to within the page.
    static func anchor(_ id: String) -> String { wrap("<a id=\"\(id)\"></a>") }

    /// The start and end of a link to `href` (an HTML page's, written out: the extension marker is not
    /// expanded in text the HTML page only holds): in Markdown, the text alone.
    static let linkOpen = wrap("[")
    static func linkClose(to href: String) -> String { wrap("](\(href))") }
}

import Mustache

/// The Mustache content type of our Markdown templates: `{{value}}` is escaped
/// with `MarkdownEscaper`, so a template a user edits is safe by default;
/// `{{{value}}}` inserts Markdown the Swift side built (links to our own pages, code blocks).
struct MarkdownContentType: MustacheContentType {
    /// The name templates declare with `{{% CONTENT_TYPE: MARKDOWN}}`.
    static let name = "MARKDOWN"

    func escapeText(_ text: String) -> String { MarkdownEscaper.escape(text) }

    /// Registers the type with swift-mustache; its parser looks content types up while parsing.
    static let register: Void = MustacheContentTypes.register(MarkdownContentType(), named: name)
}

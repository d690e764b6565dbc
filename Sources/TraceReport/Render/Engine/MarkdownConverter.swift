import CCmarkGFM
import Foundation

/// Markdown → HTML with cmark-gfm. The only file that touches the C library.
///
/// Only the `table` and `tagfilter` extensions are attached: `strikethrough`,
/// `autolink` and `tasklist` edit a process-wide table of inline special
/// characters in cmark-gfm 0.29 while a parse runs, so parses on several
/// threads would corrupt each other (github/cmark-gfm#221). With these two,
/// concurrent conversions are safe.
///
/// `CMARK_OPT_UNSAFE` lets the templates' own HTML (`<details>`, badges) through;
/// every value from a trace was escaped by `MarkdownEscaper` before it got here,
/// and `tagfilter` still disarms `<script>`, `<iframe>` and the like as a second line.
public enum MarkdownConverter {
    /// The extensions attached to every parser.
    public static let extensionNames = ["table", "tagfilter"]

    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// Renders GitHub-flavoured Markdown (tables, filtered tags) as an HTML fragment.
    public static func html(from markdown: String) -> String {
        var markdown = markdown
        return String(decoding: markdown.withUTF8(html), as: UTF8.self)
    }

    /// The same from Markdown's UTF-8 bytes, as UTF-8 bytes: the HTML goes on to the layout without being
    /// checked as UTF-8 on the way.
    static func html(from markdown: [UInt8]) -> [UInt8] {
        markdown.withUnsafeBufferPointer(html)
    }

    private static func html(_ markdown: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        _ = registered
        let options = CMARK_OPT_UNSAFE
        guard let parser = cmark_parser_new(options) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        markdown.withMemoryRebound(to: CChar.self) { cchars in
            cmark_parser_feed(parser, cchars.baseAddress, cchars.count)
        }
        guard let document = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return []
        }
        defer { free(rendered) }
        return rendered.withMemoryRebound(to: UInt8.self, capacity: 1) {
            TableLabels.add(to: UnsafeBufferPointer(start: $0, count: strlen(rendered)))
        }
    }
}

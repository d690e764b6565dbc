import Foundation
import PropertyBased
import Testing

@testable import TraceReport

/// The escaper is the security boundary: these properties are what makes
/// `CMARK_OPT_UNSAFE` safe. Inputs mix the syntax of Markdown, HTML and URLs
/// with random text.
@Suite("Markdown escaper: trace text renders as exactly that text")
struct MarkdownEscaperTests {
    static let hostileTokens = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=//evil>", "</td>", "</table>", "<details>",
        "[x](javascript:alert(1))", "![i](data:text/html,<b>)", "<a href=\"javascript:alert(1)\">", "javascript:", "data:", "<!--", "-->",
        "<![CDATA[", "]]>", "&amp;", "&#x3C;", "&lt;", "|", "\\|", "\\", "`", "```", "~~~", "*", "**", "_", "__", "#", "# ", ">", "- ", "+ ",
        "1. ", "1) ", "=", "---", "[", "]", "(", ")", "<", ">", "!", "~", "^", "$", "@", "{", "}", "\"", "'", ":", "\n", "\r\n", "\r", "\n\n",
        "\t", "    ", " ", "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{2028}", "\u{FEFF}", "é", "결제 클러스터", "🙂", "a", "Z", "0", "http://x.y",
        "www.example.com", "<http://x>", "<x@y.z>", "[^1]", "[ ]", "[x]", "&", ";", "onload=", "style=",
    ]

    static let hostileText = Gen.element(of: hostileTokens).compactMap { $0 }.array(of: 0...14).map { $0.joined() }
    static let randomText = Gen<Character>.ascii.string(of: 0...40)

    static let allowedTags: Set<String> = ["p", "/p", "br", "table", "/table", "thead", "/thead", "tbody", "/tbody", "tr", "/tr", "th", "/th", "td", "/td"]

    /// The text as shown: leading spaces kept (the escaper writes them as
    /// references), trailing ones dropped as Markdown drops them at a line's end.
    func expectedText(_ text: String) -> String {
        let shown = HTMLText.shown(text)
        let lead = shown.prefix { $0 == " " }
        var rest = shown.dropFirst(lead.count)
        while rest.hasSuffix(" ") { rest = rest.dropLast() }
        return String(lead + rest)
    }

    func checkParagraph(_ text: String) {
        let html = MarkdownConverter.html(from: "P: " + MarkdownEscaper.escape(text) + "\n")
        #expect(Set(HTMLText.tagNames(html)).isSubset(of: Self.allowedTags), "only cmark's own tags: \(html)")
        guard html.hasPrefix("<p>"), html.hasSuffix("</p>\n") else {
            Issue.record("one paragraph expected, got \(html)")
            return
        }
        let inner = html.dropFirst(3).dropLast(5).replacingOccurrences(of: "<br>", with: "\n")
        #expect(!inner.contains("<"), "no markup left inside the text: \(html)")
        let core = expectedText(text)
        #expect(HTMLText.decode(inner) == (core.isEmpty ? "P:" : "P: " + core), "text comes out as it went in")
    }

    func checkTableCell(_ text: String) {
        let markdown = "| a | b |\n|---|---|\n| " + MarkdownEscaper.escape(text) + " | z |\n"
        let html = MarkdownConverter.html(from: markdown)
        #expect(Set(HTMLText.tagNames(html)).isSubset(of: Self.allowedTags), "only cmark's own tags: \(html)")
        #expect(HTMLText.tagNames(html).filter { $0 == "td" }.count == 2, "the row keeps its two cells: \(html)")
        #expect(html.contains("<td>z</td>"), "the second cell is intact: \(html)")
        if let start = html.range(of: "<tbody>\n<tr>\n<td>"), let end = html.range(of: "</td>\n<td>z</td>") {
            let cell = html[start.upperBound..<end.lowerBound].replacingOccurrences(of: "<br>", with: "\n")
            #expect(HTMLText.decode(cell) == expectedText(text))
        }
    }

    @Test("hostile text in a paragraph: no element, attribute or link reaches the HTML, and the text reads back exactly")
    func hostileParagraphs() async {
        await propertyCheck(count: 600, input: Self.hostileText) { checkParagraph($0) }
    }

    @Test("hostile text in a table cell keeps the table's columns and reads back exactly")
    func hostileTableCells() async {
        await propertyCheck(count: 600, input: Self.hostileText) { checkTableCell($0) }
    }

    @Test("random ASCII, control characters included, in paragraphs and cells")
    func randomASCII() async {
        await propertyCheck(count: 600, input: Self.randomText) { (text: String) in
            checkParagraph(text)
            checkTableCell(text)
        }
    }

    @Test("at the start of a line, leading spaces and list or heading markers stay text")
    func lineStart() {
        for text in ["    indented code?", "# heading?", "- list?", "1. list?", "> quote?", "***", "<div>block?</div>", "| a | b |"] {
            let html = MarkdownConverter.html(from: MarkdownEscaper.escape(text) + "\n")
            #expect(HTMLText.tagNames(html) == ["p", "/p"], "\(text) → \(html)")
        }
    }

    /// The escaping rules as written first, scalar by scalar: the byte-level escaper must agree with them.
    static func reference(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var leading = true
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A:
                if !previousWasCR { out.append(contentsOf: "<br>".unicodeScalars) }
                leading = false
            case 0x0D:
                out.append(contentsOf: "<br>".unicodeScalars)
                leading = false
            case 0x20, 0x09:
                if leading { out.append(contentsOf: "&#32;".unicodeScalars) } else { out.append(" ") }
            case 0x00..<0x20:
                out.append(Unicode.Scalar(0x2400 + scalar.value)!)
                leading = false
            case 0x7F:
                out.append("\u{2421}")
                leading = false
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                out.append("\\")
                out.append(scalar)
                leading = false
            default:
                out.append(scalar)
                leading = false
            }
        }
        return String(out)
    }

    @Test("the byte-level escaper writes what the scalar rules say, for hostile and random text")
    func matchesScalarRules() async {
        await propertyCheck(count: 600, input: Self.hostileText) { #expect(MarkdownEscaper.escape($0) == Self.reference($0)) }
        await propertyCheck(count: 600, input: Self.randomText) { #expect(MarkdownEscaper.escape($0) == Self.reference($0)) }
    }

    @Test("the escapes themselves, written out")
    func examples() {
        #expect(MarkdownEscaper.escape("a|b") == "a\\|b")
        #expect(MarkdownEscaper.escape("<script>") == "\\<script\\>")
        #expect(MarkdownEscaper.escape("line1\nline2\r\nline3") == "line1<br>line2<br>line3")
        #expect(MarkdownEscaper.escape("  x") == "&#32;&#32;x")
        #expect(MarkdownEscaper.escape("결제") == "결제")
    }

    @Test("a code block holds any text verbatim, backtick fences included")
    func codeBlocks() async {
        await propertyCheck(count: 400, input: Self.hostileText) { (text: String) in
            let html = MarkdownConverter.html(from: MarkdownEscaper.codeBlock(text, info: "json") + "\n")
            #expect(HTMLText.tagNames(html) == ["pre", "code", "/code", "/pre"], "\(html)")
            let prefix = "<pre><code class=\"language-json\">"
            if html.hasPrefix(prefix), html.hasSuffix("</code></pre>\n") {
                let body = HTMLText.decode(String(html.dropFirst(prefix.count).dropLast("</code></pre>\n".count)))
                var expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                    .replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
                if !expected.hasSuffix("\n") { expected += "\n" }
                #expect(body == expected)
            }
        }
    }
}

import Foundation
import PropertyBased
import Testing

@testable import TraceReport

/// The escaper is the security boundary: these properties are what makes
/// `CMARK_OPT_UNSAFE` safe. Inputs mix the syntax of Markdown, HTML and URLs
/// with random text.
@Suite("Markdown escaper: trace text renders as exactly that text", .temporaryFolder)
struct MarkdownEscaperTests {
    static let hostileTokens = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=//evil>", "</td>", "</table>",
        "<details>",
        "[x](javascript:alert(1))", "![i](data:text/html,<b>)", "<a href=\"javascript:alert(1)\">", "javascript:",
        "data:", "<!--", "-->",
        "<![CDATA[", "]]>", "&amp;", "&#x3C;", "&lt;", "|", "\\|", "\\", "`", "```", "~~~", "*", "**", "_", "__", "#",
        "# ", ">", "- ", "+ ",
        "1. ", "1) ", "=", "---", "[", "]", "(", ")", "<", ">", "!", "~", "^", "$", "@", "{", "}", "\"", "'", ":", "\n",
        "\r\n", "\r", "\n\n",
        "\t", "    ", " ", "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{2028}", "\u{FEFF}", "é", "결제 클러스터", "🙂", "a", "Z",
        "0", "http://x.y",
        "www.example.com", "<http://x>", "<x@y.z>", "[^1]", "[ ]", "[x]", "&", ";", "onload=", "style=",
    ]

    static let hostileText = Gen.element(of: hostileTokens).compactMap { $0 }.array(of: 0...14).map { $0.joined() }
    static let randomText = Gen<Character>.ascii.string(of: 0...40)

    static let allowedTags: Set<String> = [
        "p", "/p", "br", "table", "/table", "thead", "/thead", "tbody", "/tbody", "tr", "/tr", "th", "/th", "td", "/td",
    ]

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
        let inner = html.dropFirst(3).dropLast(5).replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(
            of: "<!-- -->", with: "")
        #expect(!inner.contains("<"), "no markup left inside the text: \(html)")
        let core = expectedText(text)
        #expect(HTMLText.decode(inner) == (core.isEmpty ? "P:" : "P: " + core), "text comes out as it went in")
    }

    func checkTableCell(_ text: String) {
        let markdown = "| a | b |\n|---|---|\n| " + MarkdownEscaper.escape(text) + " | z |\n"
        let html = MarkdownConverter.html(from: markdown)
        #expect(Set(HTMLText.tagNames(html)).isSubset(of: Self.allowedTags), "only cmark's own tags: \(html)")
        #expect(HTMLText.tagNames(html).filter { $0 == "td" }.count == 2, "the row keeps its two cells: \(html)")
        // Each cell carries its column's header (`TableLabels`), for narrow windows.
        #expect(html.contains("<td data-label=\"b\">z</td>"), "the second cell is intact: \(html)")
        if let start = html.range(of: "<tbody>\n<tr>\n<td data-label=\"a\">"),
            let end = html.range(of: "</td>\n<td data-label=\"b\">z</td>")
        {
            let cell = html[start.upperBound..<end.lowerBound].replacingOccurrences(of: "<br>", with: "\n")
                .replacingOccurrences(of: "<!-- -->", with: "")
            #expect(HTMLText.decode(cell) == expectedText(text))
        }
    }

    @Test(
        "hostile text in a paragraph: no element, attribute or link reaches the HTML, and the text reads back exactly")
    func hostileParagraphs() async {
        await propertyCheck(count: 600, input: Self.hostileText) { checkParagraph($0) }
    }

    func checkHeading(_ text: String) {
        let html = MarkdownConverter.html(from: "## H: " + MarkdownEscaper.escape(text) + "\n")
        #expect(Set(HTMLText.tagNames(html)).isSubset(of: Self.allowedTags.union(["h2", "/h2"])), "\(html)")
        guard html.hasPrefix("<h2>"), html.hasSuffix("</h2>\n") else {
            Issue.record("one heading expected, got \(html)")
            return
        }
        let inner = html.dropFirst(4).dropLast(6).replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(
            of: "<!-- -->", with: "")
        let core = expectedText(text)
        #expect(HTMLText.decode(inner) == (core.isEmpty ? "H:" : "H: " + core), "text comes out as it went in")
    }

    @Test("hostile text ending a heading reads back exactly: a closing run of # stays text")
    func hostileHeadings() async {
        for text in ["a #", "a ##  ", "a\t#", "# a #", "a#", "a # b"] { checkHeading(text) }
        await propertyCheck(count: 600, input: Self.hostileText) { checkHeading($0) }
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
        for text in [
            "    indented code?", "# heading?", "- list?", "1. list?", "> quote?", "***", "<div>block?</div>",
            "| a | b |",
        ] {
            let html = MarkdownConverter.html(from: MarkdownEscaper.escape(text) + "\n")
            #expect(HTMLText.tagNames(html) == ["p", "/p"], "\(text) → \(html)")
        }
    }

    /// The escaping rules written out a second time, character by character over the whole string
    /// (regular expressions for the context rules): the byte-level escaper must agree with them.
    static func reference(_ text: String) -> String {
        let chars = Array(text.unicodeScalars)
        func ascii(_ c: Unicode.Scalar?) -> Bool {
            c.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) } ?? false
        }
        let firstNonSpace = chars.firstIndex { $0 != " " && $0 != "\t" }
        var listMarker: Int?
        if let f = firstNonSpace {
            var d = f
            while d < chars.count, ("0"..."9").contains(chars[d]) { d += 1 }
            if d > f, d - f <= 9, d < chars.count, chars[d] == "." || chars[d] == ")" { listMarker = d }
        }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for (i, c) in chars.enumerated() {
            defer { previousWasCR = c == "\r" }
            let leading = firstNonSpace.map { i <= $0 } ?? true
            switch c.value {
            case 0x0A: if !previousWasCR { out.append(contentsOf: "<br>".unicodeScalars) }
            case 0x0D: out.append(contentsOf: "<br>".unicodeScalars)
            case 0x20, 0x09: if leading { out.append(contentsOf: "&#32;".unicodeScalars) } else { out.append(" ") }
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + c.value)!)
            case 0x7F: out.append("\u{2421}")
            default:
                let next = i + 1 < chars.count ? chars[i + 1] : nil
                let previous = i > 0 ? chars[i - 1] : nil
                var escape = false
                switch c {
                case "\\", "`", "*", "~", "[", "]", "<", ">", "|", "$": escape = true
                case "@":
                    out.append(c)
                    if ascii(next) { out.append(contentsOf: "<!-- -->".unicodeScalars) }
                    continue
                case "_": escape = !(ascii(previous) && ascii(next))
                case "&": escape = ascii(next) || next == "#"
                case ":": escape = next == "/"
                case ".":
                    escape =
                        i == listMarker
                        || (i >= 3 && String(String.UnicodeScalarView(chars[(i - 3)..<i])).lowercased() == "www")
                case ")": escape = i == listMarker
                case "#":
                    // A closing sequence: after a space, then only `#`s and spaces to the end.
                    let rest = chars[i...].drop { $0 == "#" }
                    escape =
                        leading || (previous == " " || previous == "\t") && rest.allSatisfy { $0 == " " || $0 == "\t" }
                case "-", "+", "=": escape = leading
                default: escape = false
                }
                if escape { out.append("\\") }
                out.append(c)
            }
        }
        return String(out)
    }

    @Test("the byte-level escaper writes what the scalar rules say, for hostile and random text")
    func matchesScalarRules() async {
        await propertyCheck(count: 600, input: Self.hostileText) {
            #expect(MarkdownEscaper.escape($0) == Self.reference($0))
        }
        await propertyCheck(count: 600, input: Self.randomText) {
            #expect(MarkdownEscaper.escape($0) == Self.reference($0))
        }
    }

    @Test("the escapes themselves, written out: names read as written, only what could mean something gets a backslash")
    func examples() {
        for plain in [
            "ci_compose_prompt (v2)", "request_payload.asset_overrides", "query:cpu_usage", "cpu_usage (v1)",
            "10:00, 50% done; ok?", "a/b/c", "x = y", "v2-canary", "Is it (really) fine!",
        ] {
            #expect(MarkdownEscaper.escape(plain) == plain, "\(plain)")
        }
        #expect(MarkdownEscaper.escape("a|b") == "a\\|b")
        #expect(MarkdownEscaper.escape("<script>") == "\\<script\\>")
        #expect(MarkdownEscaper.escape("_x_ and __init__") == "\\_x\\_ and \\_\\_init\\_\\_")
        #expect(
            MarkdownEscaper.escape("http://x.y www.z.com a@b.c @ &amp; & b")
                == "http\\://x.y www\\.z.com a@<!-- -->b.c @ \\&amp; & b")
        #expect(MarkdownEscaper.escape("# h") == "\\# h" && MarkdownEscaper.escape("a # h") == "a # h")
        #expect(
            MarkdownEscaper.escape("- x") == "\\- x" && MarkdownEscaper.escape("12. x") == "12\\. x"
                && MarkdownEscaper.escape("x 1. y") == "x 1. y")
        #expect(MarkdownEscaper.escape("line1\nline2\r\nline3") == "line1<br>line2<br>line3")
        #expect(MarkdownEscaper.escape("  x") == "&#32;&#32;x")
        #expect(MarkdownEscaper.escape("결제") == "결제")
    }

    /// Renders many cases in one run of cmark-gfm's own command line with every GitHub extension
    /// (the library in this process attaches only table and tagfilter: the others are not safe in
    /// concurrent parses); each case's HTML, in order.
    static func withEveryExtension(_ cases: [String]) throws -> [String] {
        let root = TemporaryFolder.path
        let markdown = cases.enumerated().map { "<!-- case \($0.offset) -->\n\n" + $0.element + "\n\n" }.joined()
        try Data(markdown.utf8).write(to: URL(fileURLWithPath: root + "/in.md"))
        let extensions = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"].flatMap { ["-e", $0] }
        let ended = try ChildProcess(
            try TestPaths.executable("cmark-gfm"), ["--unsafe"] + extensions + [root + "/in.md"],
            stdout: root + "/out.html", stderr: root + "/err"
        ).wait()
        #expect(ended == .exited(0))
        // The escaper's own empty comments (after an `@`) are no content.
        let html = String(decoding: FileManager.default.contents(atPath: root + "/out.html") ?? Data(), as: UTF8.self)
            .replacingOccurrences(of: "<!-- -->", with: "")
        var parts = html.components(separatedBy: "<!-- case ")
        parts.removeFirst()
        return parts.map { part in String(part[part.index(after: part.firstIndex(of: ">")!)...].drop { $0 == "\n" }) }
    }

    @Test(
        "with every GitHub extension (table, strikethrough, autolink, tagfilter, tasklist): no element, attribute, link or cell from hostile text, at a line's start or inside it"
    )
    func everyExtension() throws {
        var texts: [String] = []
        var rng = SplitMix(seed: 2026_12_03)
        for _ in 0..<500 {
            texts.append(
                (0..<Int(rng.next() % 12)).map { _ in
                    Self.hostileTokens[Int(rng.next() % UInt64(Self.hostileTokens.count))]
                }.joined())
        }
        texts += [
            "http://evil.example/x", "www.evil.example", "mail me: a@b.co", "~~struck~~", "~one~", "- [ ] task",
            "[x] done", "$x^2$", "1) one", "===", "---", "***", "___", "- - -",
        ]
        let paragraphs = try Self.withEveryExtension(texts.map { "P: " + MarkdownEscaper.escape($0) })
        let starts = try Self.withEveryExtension(texts.map { MarkdownEscaper.escape($0) })
        let cells = try Self.withEveryExtension(
            texts.map { "| a | b |\n|---|---|\n| " + MarkdownEscaper.escape($0) + " | z |" })
        #expect(paragraphs.count == texts.count && starts.count == texts.count && cells.count == texts.count)
        for (i, text) in texts.enumerated() where i < paragraphs.count && i < starts.count && i < cells.count {
            let core = expectedText(text)
            for html in [paragraphs[i], starts[i]] where !(html.isEmpty && core.isEmpty) {
                #expect(
                    Set(HTMLText.tagNames(html)).isSubset(of: Self.allowedTags),
                    "only cmark's own tags: \(text.debugDescription) → \(html)")
                #expect(
                    !html.contains("<a ") && !html.contains("<del") && !html.contains("<input") && !html.contains("<h")
                        && !html.contains("<hr"), "\(html)")
            }
            let p = paragraphs[i]
            if p.hasPrefix("<p>"), p.hasSuffix("</p>\n") {
                let inner = p.dropFirst(3).dropLast(5).replacingOccurrences(of: "<br>", with: "\n")
                #expect(
                    HTMLText.decode(inner) == (core.isEmpty ? "P:" : "P: " + core), "\(text.debugDescription) → \(p)")
            } else {
                Issue.record("one paragraph expected for \(text.debugDescription), got \(p)")
            }
            // A value that begins with a line break starts with the escaper's own `<br>`, an HTML block of its own at a line's start.
            if !core.isEmpty && !MarkdownEscaper.escape(text).hasPrefix(MarkdownEscaper.lineBreak) {
                let s = starts[i]
                #expect(
                    s.hasPrefix("<p>") && s.hasSuffix("</p>\n")
                        && HTMLText.decode(s.dropFirst(3).dropLast(5).replacingOccurrences(of: "<br>", with: "\n"))
                            == core,
                    "\(text.debugDescription) → \(s)")
            }
            let cell = cells[i]
            #expect(
                HTMLText.tagNames(cell).filter { $0 == "td" }.count == 2 && cell.contains("<td>z</td>"),
                "\(text.debugDescription) → \(cell)")
            #expect(Set(HTMLText.tagNames(cell)).isSubset(of: Self.allowedTags), "\(cell)")
        }
    }

    @Test("a code block holds any text verbatim, backtick fences included")
    func codeBlocks() async {
        await propertyCheck(count: 400, input: Self.hostileText) { (text: String) in
            let html = MarkdownConverter.html(from: MarkdownEscaper.codeBlock(text, info: "json") + "\n")
            #expect(HTMLText.tagNames(html) == ["pre", "code", "/code", "/pre"], "\(html)")
            let prefix = "<pre><code class=\"language-json\">"
            if html.hasPrefix(prefix), html.hasSuffix("</code></pre>\n") {
                let body = HTMLText.decode(String(html.dropFirst(prefix.count).dropLast("</code></pre>\n".count)))
                var expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
                    of: "\r", with: "\n"
                )
                .replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
                if !expected.hasSuffix("\n") { expected += "\n" }
                #expect(body == expected)
            }
        }
    }
}

/// The security boundary between trace text and the report: turns any string
/// into Markdown that cmark-gfm renders as exactly that text, inline, on one
/// line. Nothing from a trace can open an element, a link, a table cell or a
/// block through it, which is why the converter may run with `CMARK_OPT_UNSAFE`
/// for the templates' own HTML.
public enum MarkdownEscaper {
    /// The line break the escaper writes for a newline in the text.
    public static let lineBreak = "<br>"

    /// Escapes `text` for use inside a paragraph, heading, list item or table cell:
    /// - every ASCII punctuation character gets a backslash, so `<`, `|`, `` ` ``, `[`, `*`, `&`, `#` lose their meaning;
    /// - line breaks (`\n`, `\r\n`, `\r`) become `<br>`, so a table row stays one line;
    /// - other control characters become their visible Control Pictures (U+2400…), tabs a space;
    /// - leading spaces become `&#32;`, so no indentation can start a code block.
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count + 8)
        var leading = true
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A:
                if !previousWasCR { out.append(contentsOf: lineBreak.unicodeScalars) }
                leading = false
            case 0x0D:
                out.append(contentsOf: lineBreak.unicodeScalars)
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

    /// A fenced code block holding `text` verbatim: the fence is longer than any
    /// backtick run inside, so the text cannot close it.
    public static func codeBlock(_ text: String, info: String = "") -> String {
        var longest = 0
        var run = 0
        for scalar in text.unicodeScalars {
            if scalar == "`" {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = text.utf8.contains(0x0D) ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        return fence + info + "\n" + body + (body.hasSuffix("\n") ? "" : "\n") + fence
    }
}

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
        // Works on UTF-8 bytes: every byte the rules touch is ASCII, and bytes of multi-byte
        // characters (all ≥ 0x80) are copied as they are. Appending scalar by scalar cost 9% of a build.
        var text = text
        return text.withUTF8 { bytes -> String in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + bytes.count / 4 + 8)
            var leading = true
            var previousWasCR = false
            for byte in bytes {
                defer { previousWasCR = byte == 0x0D }
                switch byte {
                case 0x0A:
                    if !previousWasCR { out.append(contentsOf: lineBreakBytes) }
                    leading = false
                case 0x0D:
                    out.append(contentsOf: lineBreakBytes)
                    leading = false
                case 0x20, 0x09:
                    if leading { out.append(contentsOf: spaceReference) } else { out.append(0x20) }
                case 0x00..<0x20:
                    // U+2400 + byte, the Control Picture, as UTF-8: E2 90 80+byte.
                    out.append(contentsOf: [0xE2, 0x90, 0x80 + byte])
                    leading = false
                case 0x7F:
                    out.append(contentsOf: [0xE2, 0x90, 0xA1])  // U+2421
                    leading = false
                case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                    out.append(0x5C)
                    out.append(byte)
                    leading = false
                default:
                    out.append(byte)
                    leading = false
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static let lineBreakBytes = Array(lineBreak.utf8)
    private static let spaceReference = Array("&#32;".utf8)

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

/// The security boundary between trace text and the report: turns any string
/// into Markdown that cmark-gfm (with every GitHub extension) renders as exactly
/// that text, inline, on one line, and that still reads as that text. Nothing from a trace can open an element, a link, a table cell or a
/// block through it, which is why the converter may run with `CMARK_OPT_UNSAFE`
/// for the templates' own HTML.
public enum MarkdownEscaper {
    /// The line break the escaper writes for a newline in the text.
    public static let lineBreak = "<br>"

    /// Escapes `text` for use inside a paragraph, heading, list item or table cell, so that it reads
    /// as written in the Markdown too (`ci_compose_prompt (v2)`, `request_payload.asset_overrides`,
    /// `query:cpu_usage`, `10:00`), with a backslash only where a character could mean something to
    /// cmark-gfm with every GitHub extension (table, strikethrough, autolink, tagfilter, tasklist):
    /// - always: `\`, `` ` ``, `*`, `~`, `[`, `]`, `<`, `>`, `|`, `$` (GitHub's math), `@` (e-mail autolinks);
    /// - `_` unless between two ASCII letters or digits (intraword, where it cannot emphasise);
    /// - `&` before a letter, digit or `#` (an entity); `:` before `/` (`http://`); `.` after `www`;
    /// - at the start: `#`, `-`, `+`, `=` and the `.` or `)` of `1.` (headings, lists, breaks, setext lines);
    /// - `#` after a space when only `#`s and spaces follow (a heading's closing sequence);
    /// - line breaks (`\n`, `\r\n`, `\r`) become `<br>`, so a table row stays one line;
    /// - other control characters become their visible Control Pictures (U+2400…), tabs a space;
    /// - leading spaces become `&#32;`, so no indentation can start a code block.
    /// Text for a link's title (`[text](url "title")`): ASCII punctuation backslash-escaped (so the title
    /// can neither end early nor decode an entity) and control characters as spaces.
    static let asciiPunctuation = Set(##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##.unicodeScalars)

    public static func linkTitle(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out.append(" ")
            } else if Self.asciiPunctuation.contains(scalar) {
                out.append("\\")
                out.unicodeScalars.append(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func escape(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8 + 8)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape(text)`, appended to `out`.
    static func escape(_ text: String, into out: inout [UInt8]) {
        // Works on UTF-8 bytes: every byte the rules touch is ASCII, and bytes of multi-byte
        // characters (all ≥ 0x80) are copied as they are, never appended scalar by scalar.
        var text = text
        text.withUTF8 { bytes in
            let n = bytes.count
            // An ordered-list marker at the start: 1 to 9 digits, then `.` or `)`.
            var listMarker = -1
            var first = 0
            while first < n && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
            var digitsEnd = first
            while digitsEnd < n && digitsEnd - first < 10 && isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
            if digitsEnd > first && digitsEnd - first <= 9 && digitsEnd < n
                && (bytes[digitsEnd] == 0x2E || bytes[digitsEnd] == 0x29)
            {
                listMarker = digitsEnd
            }

            var leading = true
            var previousWasCR = false
            for i in 0..<n {
                let byte = bytes[i]
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
                case UInt8(ascii: "@"):
                    // GitHub's e-mail autolinks ignore backslashes: an empty comment splits the address instead.
                    out.append(byte)
                    if i + 1 < n && isAlphanumeric(bytes[i + 1]) { out.append(contentsOf: emailBreak) }
                    leading = false
                case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                    if needsBackslash(bytes, i, leading: leading, listMarker: listMarker) { out.append(0x5C) }
                    out.append(byte)
                    leading = false
                default:
                    out.append(byte)
                    leading = false
                }
            }
        }
    }

    /// Whether ASCII punctuation `bytes[i]` could mean something here (the rules of `escape`).
    static func needsBackslash(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, leading: Bool, listMarker: Int) -> Bool {
        let byte = bytes[i]
        let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: "["),
            UInt8(ascii: "]"),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "$"):
            return true
        case UInt8(ascii: "_"):
            return !(i > 0 && isAlphanumeric(bytes[i - 1]) && next.map(isAlphanumeric) == true)
        case UInt8(ascii: "&"):
            return next.map { isAlphanumeric($0) || $0 == UInt8(ascii: "#") } == true
        case UInt8(ascii: ":"):
            return next == UInt8(ascii: "/")
        case UInt8(ascii: "."):
            if i == listMarker { return true }
            guard i >= 3 else { return false }
            return (bytes[i - 3] | 0x20) == UInt8(ascii: "w") && (bytes[i - 2] | 0x20) == UInt8(ascii: "w")
                && (bytes[i - 1] | 0x20) == UInt8(ascii: "w")
        case UInt8(ascii: ")"):
            return i == listMarker
        case UInt8(ascii: "#"):
            if leading { return true }
            // A run of `#` after a space with nothing but spaces after it would be a heading's closing
            // sequence, dropped from the heading the text ends.
            guard i > 0, bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09 else { return false }
            var j = i
            while j < bytes.count && bytes[j] == UInt8(ascii: "#") { j += 1 }
            while j < bytes.count && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
            return j == bytes.count
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
            return leading
        default:
            return false
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) }

    /// What follows an `@` before a letter or digit: an empty HTML comment, so no e-mail autolink can form.
    public static let emailBreak = Array("<!-- -->".utf8)

    private static let lineBreakBytes = Array(lineBreak.utf8)
    private static let spaceReference = Array("&#32;".utf8)

    /// A fenced code block holding `text` verbatim: the fence is longer than any
    /// backtick run inside, so the text cannot close it.
    public static func codeBlock(_ text: String, info: String = "") -> String {
        var longest = 0
        var run = 0
        for byte in text.utf8 {  // a backtick is one byte, and no other character's bytes hold it
            if byte == UInt8(ascii: "`") {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body =
            text.utf8.contains(0x0D)
            ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        return fence + info + "\n" + body + (body.hasSuffix("\n") ? "" : "\n") + fence
    }
}

/// The language of a trace's text, where the page's own (`lang="en"`) is wrong: a question in Hangul
/// is Korean (`ko`), one with kana Japanese (`ja`), so screen readers and fonts treat it as such.
/// Only the HTML page gets the `lang`; the Markdown keeps the text alone.
enum Language {
    /// The BCP 47 tag of `text`'s script, nil for Latin and any script not told apart here.
    static func tag(_ text: String) -> String? {
        var hangul = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3040...0x30FF, 0x31F0...0x31FF: return "ja"
            case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F: hangul = true
            default: continue
            }
        }
        return hangul ? "ko" : nil
    }

    /// `text` escaped for Markdown and, when it is in another language, marked with it for the HTML page.
    static func marked(_ text: String) -> String {
        let escaped = MarkdownEscaper.escape(text)
        guard let tag = tag(text) else { return escaped }
        return HTMLOnly.wrap("<span lang=\"\(tag)\">") + escaped + HTMLOnly.wrap("</span>")
    }
}

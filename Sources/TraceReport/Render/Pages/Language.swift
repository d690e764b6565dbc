/// The language of a trace's text, where the page's own (`lang="en"`) is wrong, so screen readers and
/// fonts treat it as such: Hangul is Korean (`ko`); kana is Japanese (`ja`), with or without kanji; Han
/// alone is Chinese (`zh`); Thai, Greek, Hebrew, Arabic and Devanagari are `th`, `el`, `he`, `ar` and
/// `hi`, Hebrew and Arabic also marked right to left. Cyrillic and Latin are left alone: one script,
/// many languages, and a wrong tag reads worse than none.
/// Only the HTML page gets the `lang`; the Markdown keeps the text alone.
enum Language {
    /// The BCP 47 tag of `text`'s script, nil for Latin and any script not told apart here.
    static func tag(_ text: String) -> String? {
        var hangul = false
        var han = false
        var other: String?
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3040...0x30FF, 0x31F0...0x31FF: return "ja"
            case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F: hangul = true
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: han = true
            case 0x0E00...0x0E7F: other = other ?? "th"
            case 0x0370...0x03FF: other = other ?? "el"
            case 0x0590...0x05FF: other = other ?? "he"
            case 0x0600...0x06FF, 0x0750...0x077F: other = other ?? "ar"
            case 0x0900...0x097F: other = other ?? "hi"
            default: continue
            }
        }
        return hangul ? "ko" : han ? "zh" : other
    }

    /// Scripts written right to left.
    static let rightToLeft: Set<String> = ["he", "ar"]

    /// `text` escaped for Markdown and, when it is in another language, marked with it for the HTML page.
    static func marked(_ text: String) -> String {
        let escaped = MarkdownEscaper.escape(text)
        guard let tag = tag(text) else { return escaped }
        let direction = rightToLeft.contains(tag) ? " dir=\"rtl\"" : ""
        return HTMLOnly.wrap("<span lang=\"\(tag)\"\(direction)>") + escaped + HTMLOnly.wrap("</span>")
    }
}

/// The HTML content type's escaping, character for character what swift-mustache's
/// `htmlEscape` does (`<`, `>`, `&`, `"`, `'`), with a fast path for text that holds none.
enum HTMLEscaper {
    /// `escape(text)`, appended to `out`.
    static func escape(_ text: String, into out: inout [UInt8]) {
        out.append(contentsOf: escape(text).utf8)
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        // By Character, as swift-mustache does: a `<` followed by a combining mark is one Character, and is not replaced.
        for c in text {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

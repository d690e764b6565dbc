import Foundation

/// Reading back what a browser would show, for checking that escaped text
/// arrives as text and nothing else.
enum HTMLText {
    /// The names of every tag in `html`, opening and closing (`p`, `/p`, `br`).
    static func tagNames(_ html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "<(/?[A-Za-z][A-Za-z0-9-]*)")
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
            String(html[Range($0.range(at: 1), in: html)!])
        }
    }

    /// Character references cmark-gfm writes, decoded.
    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// What a text should read as after escaping: line breaks as `\n`, tabs as
    /// spaces, other control characters as their Control Pictures.
    static func shown(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A: if !previousCR { out.append("\n") }
            case 0x0D: out.append("\n")
            case 0x09: out.append(" ")
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out.append("\u{2421}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}

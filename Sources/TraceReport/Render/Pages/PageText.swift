/// A rendered template's text, made into the Markdown page and the text cmark-gfm turns into the HTML page.
enum PageText {
    /// The page text for Markdown and for HTML, in one pass (the page is copied once for each, not split and
    /// joined): the link marker U+0000 becomes `md` and `html`; a badge, U+0001 classes U+0002 word U+0003
    /// (`Badge.marked`), becomes its word, and `<span class="classes">word</span>`; text between U+0004 and
    /// U+0005 (charts) is the HTML page's only.
    static func expand(_ text: String) -> (md: String, html: String) {
        var text = text
        let (md, html) = text.withUTF8(expand)
        return (String(decoding: md, as: UTF8.self), String(decoding: html, as: UTF8.self))
    }

    /// The same from a template's bytes (`TemplateSet.renderBytes`), the HTML page's text left as bytes for
    /// cmark-gfm: neither is checked as UTF-8 once more on the way.
    static func expand(_ text: [UInt8]) -> (md: String, html: [UInt8]) {
        let (md, html) = text.withUnsafeBufferPointer(expand)
        return (String(decoding: md, as: UTF8.self), html)
    }

    private static func expand(_ bytes: UnsafeBufferPointer<UInt8>) -> (md: [UInt8], html: [UInt8]) {
        var md: [UInt8] = []
        var html: [UInt8] = []
        md.reserveCapacity(bytes.count + 64)
        html.reserveCapacity(bytes.count + 1024)
        var start = 0
        while let at = bytes[start...].firstIndex(where: { $0 < 0x05 }) {
            md.append(contentsOf: bytes[start..<at])
            html.append(contentsOf: bytes[start..<at])
            start = at + 1
            if bytes[at] == 0x04 {
                let end = bytes[start...].firstIndex(of: 0x05) ?? bytes.count
                html.append(contentsOf: bytes[start..<end])
                start = min(end + 1, bytes.count)
                // A line that held only HTML is no line of the Markdown, nor is the blank line after it
                // when one came before.
                if md.last == 0x0A || md.isEmpty, start < bytes.count, bytes[start] == 0x0A {
                    html.append(0x0A)
                    start += 1
                    if md.count >= 2, md[md.count - 2] == 0x0A, start < bytes.count, bytes[start] == 0x0A {
                        html.append(0x0A)
                        start += 1
                    }
                }
                continue
            }
            guard bytes[at] == 0x01 else {
                if bytes[at] == 0x00 {
                    md.append(contentsOf: "md".utf8)
                    html.append(contentsOf: "html".utf8)
                }
                continue
            }
            let split = bytes[start...].firstIndex(of: 0x02) ?? bytes.count
            let end = split < bytes.count ? bytes[split...].firstIndex(of: 0x03) ?? bytes.count : bytes.count
            html.append(contentsOf: "<span class=\"".utf8)
            html.append(contentsOf: bytes[start..<split])
            html.append(contentsOf: "\">".utf8)
            if split < end {
                md.append(contentsOf: bytes[(split + 1)..<end])
                html.append(contentsOf: bytes[(split + 1)..<end])
            }
            html.append(contentsOf: "</span>".utf8)
            start = min(end + 1, bytes.count)
        }
        md.append(contentsOf: bytes[start...])
        html.append(contentsOf: bytes[start...])
        return (md, html)
    }
}

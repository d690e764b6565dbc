#if canImport(Glibc)
    import Glibc
#endif

/// Labels every cell of the HTML tables cmark-gfm wrote with its column's header (`data-label`), so
/// that on a narrow window the stylesheet can show each row as a stack of labelled cells instead of
/// a table wider than the screen. cmark-gfm's table output is regular (`<table>`, `<thead>`, `<th>`,
/// `<tr>`, `<td>` or `<td align="…">`), and header text is already HTML-escaped by it (quotes
/// included), so a header's text, its tags left out, can go into an attribute as it is.
enum TableLabels {
    /// The page from cmark-gfm's bytes, labels and all, as bytes.
    static func add(to bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard Self.find("<table>", in: bytes, from: 0) != nil else { return Array(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var labels: [[UInt8]] = []
        var column = 0
        var inHead = false
        var i = 0
        while i < bytes.count {
            // Runs without a tag are copied whole (memchr finds the next '<').
            guard bytes[i] == UInt8(ascii: "<") else {
                let rest = bytes.count - i
                let next = memchr(bytes.baseAddress! + i, Int32(UInt8(ascii: "<")), rest)
                let end =
                    next.map { bytes.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
                    ?? bytes.count
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                i = end
                continue
            }
            if Self.starts("<thead>", bytes, i) {
                inHead = true
                labels.removeAll()
            } else if Self.starts("</thead>", bytes, i) {
                inHead = false
            } else if Self.starts("<tr>", bytes, i) {
                column = 0
            } else if inHead, Self.starts("<th", bytes, i),
                let close = Self.find("</th>", in: bytes, from: i)
            {
                labels.append(Self.text(bytes[i..<close]))
            } else if !inHead, Self.starts("<td", bytes, i),
                i + 3 < bytes.count, bytes[i + 3] == UInt8(ascii: ">") || bytes[i + 3] == UInt8(ascii: " ")
            {
                out.append(contentsOf: "<td".utf8)
                if column < labels.count, !labels[column].isEmpty {
                    out.append(contentsOf: " data-label=\"".utf8)
                    out.append(contentsOf: labels[column])
                    out.append(UInt8(ascii: "\""))
                }
                column += 1
                i += 3
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    private static func starts(_ tag: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        let count = tag.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        for k in 0..<count where bytes[at + k] != tag.utf8Start[k] { return false }
        return true
    }

    /// Where `needle` first is in `bytes` from `from` on: `memchr` to each place its first byte is, then
    /// `memcmp` (glibc's `memmem` is not in Swift's Glibc module), not a loop over every byte.
    private static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0, let base = bytes.baseAddress else { return nil }
        var i = from
        while i + count <= bytes.count,
            let hit = memchr(base + i, Int32(needle.utf8Start[0]), bytes.count - count + 1 - i)
        {
            let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if memcmp(base + at, needle.utf8Start, count) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// The text of a header cell (`<th …>text</th>` without its closing tag): tags left out, spaces trimmed.
    private static func text(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        var text: [UInt8] = []
        var inTag = false
        for byte in cell {
            if byte == UInt8(ascii: "<") {
                inTag = true
            } else if byte == UInt8(ascii: ">") {
                inTag = false
            } else if !inTag {
                text.append(byte == UInt8(ascii: "\n") ? UInt8(ascii: " ") : byte)
            }
        }
        while text.first == UInt8(ascii: " ") { text.removeFirst() }
        while text.last == UInt8(ascii: " ") { text.removeLast() }
        return text
    }
}

import Foundation

/// Reading the last build's manifest and `summary.json` back: unit lines (a span at a time), group lines
/// and summary entries, with `pread` (from any thread).
extension BuildManifest.Previous {
    /// The traces of a unit's line (`lines`), if it reads; their digests read with `digests`.
    func unit(line: [UInt8]?, digests: Bool = true) -> [BuildManifest.PreviousTrace]? {
        line.flatMap { try? BuildManifest.traces(fromLine: $0, digests: digests) }
    }

    /// The lines of the units with these keys in the last build (nil for a key it did not have, or
    /// whose line cannot be read), read a span at a time: lines that stand close together in the file
    /// are read with one `pread` (one per unit was a fifth of preparing a build that changed one trace).
    func lines(_ keys: [String?]) -> [[UInt8]?] {
        let found = keys.enumerated().compactMap { i, key in key.flatMap { lines[$0] }.map { (i, $0) } }
            .sorted { $0.1.offset < $1.1.offset }
        var result = [[UInt8]?](repeating: nil, count: keys.count)
        var first = 0
        while first < found.count {
            // A span: lines in file order, each starting less than `spanGap` after the last ended.
            var end = first + 1
            var spanEnd = found[first].1.offset + found[first].1.length
            while end < found.count, found[end].1.offset - spanEnd < Self.spanGap,
                found[end].1.offset + found[end].1.length - found[first].1.offset <= Self.spanSize
            {
                spanEnd = max(spanEnd, found[end].1.offset + found[end].1.length)
                end += 1
            }
            let start = found[first].1.offset
            if let span = read(fd, offset: start, length: spanEnd - start) {
                for (i, line) in found[first..<end] {
                    result[i] = Array(span[(line.offset - start)..<(line.offset - start + line.length)])
                }
            }
            first = end
        }
        return result
    }

    /// Lines further apart than this are read apart; a span is no longer than `spanSize` unless one
    /// line is.
    static let spanGap = 1 << 16
    static let spanSize = 1 << 22

    /// Whether a group line starts with `key` (no read).
    func hasGroup(startingWith key: String) -> Bool { groups[key] != nil }

    /// The line of the last build's group of units that starts with the unit of this key, if any.
    func group(startingWith key: String) -> [UInt8]? {
        guard let (offset, length) = groups[key] else { return nil }
        return read(fd, offset: offset, length: length)
    }

    /// Reads the last build's `summary.json` from `offset` into `buffer`, up to its end: the bytes read.
    func readSummary(upTo buffer: UnsafeMutableRawBufferPointer, offset: Int) -> Int {
        var got = 0
        while got < buffer.count {
            let n = pread(summaryFD, buffer.baseAddress! + got, buffer.count - got, off_t(offset + got))
            if n <= 0 { break }
            got += n
        }
        return got
    }

    /// `length` bytes of `fd` from `offset`, or nil when the file holds fewer.
    func read(_ fd: Int32, offset: Int, length: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: length)
        let read = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, off_t(offset)) }
        return read == length ? bytes : nil
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file a line at a time in fixed-size chunks, so a large JSONL
/// export never has to fit in memory at once. Chunks are read with `read(2)` into one buffer kept for
/// the file, the unread tail moved to its front: `FileHandle` and `Data` copied every chunk twice and
/// were a tenth of the building thread's time in an incremental build.
struct LineReader {
    /// A failed read, said as the system says it.
    struct ReadError: Error, LocalizedError {
        let code: Int32
        var errorDescription: String? { String(cString: strerror(code)) }
    }

    let fd: Int32
    private var buffer: [UInt8]
    /// The unread bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var atEnd = false

    init(path: String, chunkSize: Int = 1 << 20) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CocoaError(.fileReadNoPermission) }
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// The next line without its line break, or nil at the end of the file.
    mutating func next() throws -> Data? {
        try withNextLine { Data($0) }
    }

    /// The next line without its line break, lent to `body` (the bytes are valid only inside it), or nil
    /// at the end of the file: a reader that needs only part of a line does not copy it.
    mutating func withNextLine<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        guard let range = try nextRange() else { return nil }
        return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    func close() { Glibc.close(fd) }

    /// Where the next line stands in the buffer, until the next read.
    private mutating func nextRange() throws -> Range<Int>? {
        while true {
            if let line = takeLine() { return line }
            if atEnd {
                guard start < end else { return nil }
                let line = trimmed(start, end)
                start = end
                return line
            }
            try fill()
        }
    }

    /// The next whole line in the buffer, if there is one.
    private mutating func takeLine() -> Range<Int>? {
        guard start < end else { return nil }
        let newline = buffer.withUnsafeBytes { raw -> Int? in
            guard let hit = memchr(raw.baseAddress! + start, 0x0A, end - start) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(hit))
        }
        guard let newline else { return nil }
        let line = trimmed(start, newline)
        start = newline + 1
        return line
    }

    /// `from..<to` without a carriage return at its end.
    private func trimmed(_ from: Int, _ to: Int) -> Range<Int> {
        to > from && buffer[to - 1] == 0x0D ? from..<(to - 1) : from..<to
    }

    /// Moves the unread tail to the front (growing the buffer when one line fills it), then reads after it.
    private mutating func fill() throws {
        if start > 0 {
            let count = end - start
            if count > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + start, count)
                }
            }
            (start, end) = (0, count)
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + end, raw.count - end) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw ReadError(code: errno) }
            if n == 0 { atEnd = true } else { end += n }
            return
        }
    }
}

import Foundation

/// Reads a file a line at a time in fixed-size chunks, so a large JSONL
/// export never has to fit in memory at once.
struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    /// Where the unread part of `buffer` starts: lines are sliced off without copying the rest.
    private var start = 0
    private var atEnd = false
    private let chunkSize: Int

    init(path: String, chunkSize: Int = 1 << 20) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoPermission)
        }
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// The next line without its line break, or nil at the end of the file.
    mutating func next() throws -> Data? {
        while true {
            let unread = buffer.startIndex + start..<buffer.endIndex
            if let newline = Self.firstNewline(in: buffer, from: unread.lowerBound) {
                var end = newline
                if end > unread.lowerBound && buffer[end - 1] == 0x0D { end -= 1 }
                let line = Data(buffer[unread.lowerBound..<end])
                start = newline + 1 - buffer.startIndex
                return line
            }
            if atEnd {
                guard !unread.isEmpty else { return nil }
                var end = unread.upperBound
                if buffer[end - 1] == 0x0D { end -= 1 }
                let line = Data(buffer[unread.lowerBound..<end])
                start = buffer.count
                return line
            }
            // Keep only the unread tail, then read the next chunk after it.
            buffer = Data(buffer[unread])
            start = 0
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
        }
    }

    func close() { try? handle.close() }

    /// The index of the next `\n` at or after `from`, found with `memchr` (Data's own search walks byte by byte).
    static func firstNewline(in data: Data, from: Int) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            let offset = from - data.startIndex
            guard offset < raw.count, let base = raw.baseAddress else { return nil }
            guard let hit = memchr(base + offset, 0x0A, raw.count - offset) else { return nil }
            return data.startIndex + (base.distance(to: UnsafeRawPointer(hit)))
        }
    }
}

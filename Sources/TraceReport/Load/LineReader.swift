import Foundation

/// Reads a file a line at a time in fixed-size chunks, so a large JSONL
/// export never has to fit in memory at once.
struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
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
            if let newline = buffer.firstIndex(of: 0x0A) {
                var line = buffer[buffer.startIndex..<newline]
                if line.last == 0x0D { line = line.dropLast() }
                let result = Data(line)
                buffer = Data(buffer[(newline + 1)...])
                return result
            }
            if atEnd {
                if buffer.isEmpty { return nil }
                defer { buffer = Data() }
                return buffer.last == 0x0D ? Data(buffer.dropLast()) : buffer
            }
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
        }
    }

    func close() { try? handle.close() }
}

/// The last build's `summary.json` read in order, a megabyte at a time: unchanged traces' entries are
/// copied from it as bytes. Entries come in the order they stood (a trace moves only when the traces
/// before it change), so one read serves hundreds of them; one read per entry and a string made of each
/// were 5% of an incremental build's CPU.
struct PreviousSummary {
    private let previous: BuildManifest.Previous
    /// One buffer for the whole build (a new megabyte, zeroed, at every read was a sixth of copying the
    /// entries); `chunk[..<length]` holds the file from `chunkOffset` on.
    private var chunk: [UInt8] = []
    private var length = 0
    /// Where `chunk` starts in the file.
    private var chunkOffset = 0
    static let chunkSize = 1 << 20

    init(_ previous: BuildManifest.Previous) { self.previous = previous }

    /// The entry at `range`, handed to `body` as bytes; nil when the file no longer holds it.
    mutating func withEntry<T>(
        _ range: (offset: Int, length: Int), _ body: (UnsafeRawBufferPointer) throws -> T
    ) rethrows -> T? {
        let start = range.offset - chunkOffset
        if start < 0 || start + range.length > length {
            let size = max(range.length, Self.chunkSize)
            if chunk.count < size { chunk = [UInt8](repeating: 0, count: size) }
            // The file's end is short of a whole chunk: read what is there, then check the entry fits.
            let previous = previous
            length = chunk.withUnsafeMutableBytes { buffer in
                previous.readSummary(
                    upTo: UnsafeMutableRawBufferPointer(rebasing: buffer[..<size]), offset: range.offset)
            }
            chunkOffset = range.offset
            guard length >= range.length else { return nil }
        }
        let from = range.offset - chunkOffset
        return try chunk.withUnsafeBytes {
            try body(UnsafeRawBufferPointer(rebasing: $0[from..<(from + range.length)]))
        }
    }
}

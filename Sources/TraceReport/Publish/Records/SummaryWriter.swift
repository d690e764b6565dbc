import Foundation

/// Streams `summary.json` to disk a trace at a time:
/// `{"traces": [...], "errors": [...], "totals": {...}}`, keys sorted within each entry.
final class SummaryWriter {
    private let handle: FileHandle
    /// The file written.
    let path: String
    private let encoder: JSONEncoder
    private var count = 0
    /// Bytes written so far, pending ones included.
    private(set) var byteCount = 0

    convenience init(path: String) throws(PublishError) {
        try self.init(path: path, opening: "{\"traces\": [")
    }

    private init(path: String, opening: String) throws(PublishError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw PublishError(
                path: path,
                reason: "cannot create \((path as NSString).lastPathComponent): check the output folder's permissions")
        }
        self.handle = handle
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if !opening.isEmpty { try write(opening) }
    }

    /// A plain writer of lines (the build manifest).
    static func lines(path: String) throws(PublishError) -> SummaryWriter { try SummaryWriter(path: path, opening: "") }

    /// Writes one line.
    func line(_ text: String) throws(PublishError) {
        try write(text)
        try write("\n")
    }

    /// Writes one line given as bytes.
    func line(bytes: some ContiguousBytes) throws(PublishError) {
        bytes.withUnsafeBytes { append($0) }
        try write("\n")
    }

    /// Closes the file.
    func close() throws(PublishError) {
        try flush()
        try? handle.close()
    }

    /// Adds an entry already encoded as compact JSON; returns the byte offset it starts at.
    @discardableResult
    func addEncoded(_ json: String) throws(PublishError) -> Int {
        let separator = count == 0 ? "\n" : ",\n"
        let offset = byteCount + separator.utf8.count
        try write(separator)
        try write(json)
        count += 1
        return offset
    }

    /// Adds an entry already encoded, as bytes (one the last build wrote); returns the byte offset it starts at.
    func addEncoded(bytes: UnsafeRawBufferPointer) throws(PublishError) -> Int {
        let separator = count == 0 ? "\n" : ",\n"
        let offset = byteCount + separator.utf8.count
        try write(separator)
        try write(bytes: bytes)
        count += 1
        return offset
    }

    /// Whether blocks are copied by the kernel (`addEncoded(copying:from:count:)`); off once it could not.
    var kernelCopies = true

    /// Adds `entries` entries the last build wrote one after another (separated by `,\n`) at `range` of
    /// the file open at `source`, copied by the kernel (`sendfile`, file to file): reading them into this
    /// process and writing them out again was most of the recorder's time in a build that changed one
    /// trace. Where the kernel will not, they are read and written here. Returns the byte offset
    /// the first starts at; nil when the file ends before the range does.
    func addEncoded(copying range: (offset: Int, length: Int), from source: Int32, count entries: Int)
        throws(PublishError) -> Int?
    {
        try write(count == 0 ? "\n" : ",\n")
        try flush()
        let offset = byteCount
        var from = off_t(range.offset)
        var left = range.length
        while left > 0, kernelCopies {
            let copied = sendfile(handle.fileDescriptor, source, &from, left)
            if copied > 0 {
                left -= copied
                byteCount += copied
            } else if copied == 0 {
                return nil
            } else if errno != EINTR {
                kernelCopies = false
            }
        }
        var buffer = [UInt8](repeating: 0, count: min(left, Self.flushAt))
        while left > 0 {
            let read = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress, min(left, $0.count), from) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { return nil }
            buffer.withUnsafeBytes { append(UnsafeRawBufferPointer(rebasing: $0[..<read])) }
            try flush()
            from += off_t(read)
            left -= read
        }
        count += entries
        return offset
    }

    func finish<E: Encodable, T: Encodable>(errors: E, totals: T, extra: [(String, String)] = []) throws(PublishError) {
        var tail =
            (count == 0 ? "" : "\n") + "],\n\"errors\": " + (try encode(errors)) + ",\n\"totals\": "
            + (try encode(totals))
        for (key, json) in extra { tail += ",\n\"\(key)\": \(json)" }
        try write(tail + "\n}\n")
        try flush()
        try? handle.close()
    }

    /// A value as the compact, key-sorted JSON the summary uses.
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    private func encode<T: Encodable>(_ value: T) throws(PublishError) -> String {
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
            throw PublishError(path: path, reason: "cannot encode an entry: \(error)")
        }
    }

    /// Entries are gathered and written 256 KB at a time, from one buffer kept for the whole file
    /// (a string rebuilt for every flush and copied into `Data` to write it: most of the 8% of an
    /// incremental build's CPU that writing these files took).
    private var pending: [UInt8] = []
    private static let flushAt = 1 << 18

    private func write(_ text: String) throws(PublishError) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
        if pending.count >= Self.flushAt { try flush() }
    }

    private func write(bytes: UnsafeRawBufferPointer) throws(PublishError) {
        append(bytes)
        if pending.count >= Self.flushAt { try flush() }
    }

    private func append(_ bytes: UnsafeRawBufferPointer) {
        if pending.capacity < Self.flushAt { pending.reserveCapacity(Self.flushAt + (1 << 16)) }
        pending.append(contentsOf: bytes)
        byteCount += bytes.count
    }

    /// Writes what is pending, so that the file can be read up to `byteCount`.
    func flush() throws(PublishError) {
        guard !pending.isEmpty else { return }
        do { try pending.withUnsafeBytes { try handle.write(contentsOf: $0) } } catch {
            throw PublishError(path: path, reason: "cannot write: \(SiteWriter.why(error))")
        }
        // A huge entry (a trace of many megabytes) does not keep its buffer for the rest of the build.
        if pending.capacity > 4 * Self.flushAt { pending = [] } else { pending.removeAll(keepingCapacity: true) }
    }
}

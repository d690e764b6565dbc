import Foundation
import Synchronization

/// Streams `summary.json` to disk a trace at a time:
/// `{"traces": [...], "errors": [...], "totals": {...}}`, keys sorted within each entry.
///
/// The bytes reach the file on a thread of their own: the writer hands full buffers and block copies
/// (`addEncoded(copying:from:count:)`) to a serial queue and goes on, so the recorder, which waited for the
/// kernel's copies of `summary.json` and the manifest, prepares the next entries meanwhile. `flush` waits
/// for the queue; an error met there is thrown by the next call.
final class SummaryWriter: @unchecked Sendable {  // the caller's thread appends; the queue only writes
    private let handle: FileHandle
    /// The file written.
    let path: String
    private let encoder: JSONEncoder
    private var count = 0
    /// Bytes written so far, pending ones included.
    private(set) var byteCount = 0
    private let queue = DispatchQueue(label: "tracereport.file-writer")
    private let failure = Mutex<PublishError?>(nil)
    /// Buffers handed to the queue and not yet written: at most a few, so memory stays flat.
    private let inFlight = DispatchSemaphore(value: 8)
    /// The size of each file blocks are copied from, read once.
    private var sourceSizes: [Int32: Int] = [:]

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
        guard range.offset >= 0, range.length >= 0, range.offset + range.length <= size(of: source) else { return nil }
        try write(count == 0 ? "\n" : ",\n")
        send()
        let offset = byteCount
        byteCount += range.length
        count += entries
        let (handle, path) = (handle, path)
        queue.async { [self] in
            guard failure.withLock({ $0 }) == nil else { return }
            do throws(PublishError) {
                try Self.copy(range, from: source, to: handle, kernel: &kernelCopies, path: path)
            } catch {
                failure.withLock { $0 = error }
            }
        }
        return offset
    }

    /// Copies `range` of `source` to the end of `handle`: by the kernel while it will, else through a buffer.
    private static func copy(
        _ range: (offset: Int, length: Int), from source: Int32, to handle: FileHandle, kernel: inout Bool,
        path: String
    ) throws(PublishError) {
        var from = off_t(range.offset)
        var left = range.length
        while left > 0, kernel {
            let copied = sendfile(handle.fileDescriptor, source, &from, left)
            if copied > 0 {
                left -= copied
            } else if copied == 0 {
                throw PublishError(path: path, reason: "the last build's file ended before a block copied from it")
            } else if errno != EINTR {
                kernel = false
            }
        }
        var buffer = [UInt8](repeating: 0, count: min(left, Self.flushAt))
        while left > 0 {
            let read = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress, min(left, $0.count), from) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else {
                throw PublishError(path: path, reason: "the last build's file ended before a block copied from it")
            }
            do {
                try buffer.withUnsafeBytes {
                    try handle.write(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<read]))
                }
            } catch {
                throw PublishError(path: path, reason: "cannot write: \(SiteWriter.why(error))")
            }
            from += off_t(read)
            left -= read
        }
    }

    private func size(of source: Int32) -> Int {
        if let size = sourceSizes[source] { return size }
        var info = stat()
        let size = fstat(source, &info) == 0 ? Int(info.st_size) : 0
        sourceSizes[source] = size
        return size
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
        if pending.count >= Self.flushAt { try sendChecked() }
    }

    private func write(bytes: UnsafeRawBufferPointer) throws(PublishError) {
        append(bytes)
        if pending.count >= Self.flushAt { try sendChecked() }
    }

    private func append(_ bytes: UnsafeRawBufferPointer) {
        if pending.capacity < Self.flushAt { pending.reserveCapacity(Self.flushAt + (1 << 16)) }
        pending.append(contentsOf: bytes)
        byteCount += bytes.count
    }

    /// Hands what is pending to the queue, after throwing what the queue met so far.
    private func sendChecked() throws(PublishError) {
        if let error = failure.withLock({ $0 }) { throw error }
        send()
    }

    /// Hands what is pending to the queue (waiting while it holds too many buffers).
    private func send() {
        guard !pending.isEmpty else { return }
        let buffer = pending
        // A huge entry (a trace of many megabytes) does not keep its buffer for the rest of the build.
        pending = []
        inFlight.wait()
        let (handle, path) = (handle, path)
        queue.async { [self] in
            defer { inFlight.signal() }
            guard failure.withLock({ $0 }) == nil else { return }
            do { try buffer.withUnsafeBytes { try handle.write(contentsOf: $0) } } catch {
                failure.withLock { $0 = PublishError(path: path, reason: "cannot write: \(SiteWriter.why(error))") }
            }
        }
    }

    /// Waits until the queue has written what it was handed (a failed build stops writing before it cleans up).
    func drain() { queue.sync {} }

    /// Writes what is pending and waits for the queue, so that the file can be read up to `byteCount`.
    func flush() throws(PublishError) {
        send()
        queue.sync {}
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

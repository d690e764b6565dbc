import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Trace digests kept on disk while a build runs, read back a page at a time:
/// memory stays flat however many traces there are.
/// The file lives in the build's staging folder, not in `TMPDIR`: whatever ends the build (a failure,
/// a signal, SIGKILL) the staging folder goes, and the spool with it (the next build into the same
/// output removes a killed build's folder).
/// Each index page's rows are hashed as they are spooled, where the page starts is noted, so a page
/// whose rows did not change since the last build is taken over without reading the spool back (reading
/// all of it was the biggest part of the index pages' time in a build that changed one trace).
/// A row that the build manifest holds (every trace of a unit it keeps) is spooled as where it stands
/// there, `@offset,length`, not as a second copy: writing those copies was an eighth of the recorder's
/// time in a build that changed one trace.
final class RowSpool {
    /// The spool's name in the staging folder; removed before the site is published.
    static let fileName = ".tracereport-rows.jsonl"
    private let path: String
    private let writer: SummaryWriter
    /// The file rows are referred to in (the build manifest), when there is one.
    private let records: SummaryWriter?
    private let pageSize: Int
    private(set) var count = 0
    /// Each page's hash of its rows (`rowsHash`), and the byte offset in the file where it starts.
    private var hashes: [UInt64] = []
    private var starts: [Int] = []

    /// A spool at `path` whose pages hold `pageSize` rows, some of them in `records`.
    init(path: String, pageSize: Int = IndexPageModel.rowsPerPage, records: SummaryWriter? = nil)
        throws(PublishError)
    {
        self.path = path
        self.records = records
        self.pageSize = max(1, pageSize)
        writer = try SummaryWriter.lines(path: path)
    }

    deinit { remove() }

    /// Deletes the spool's file: it is not part of the site.
    func remove() { FileRemoval.unlink(path) }

    /// How many pages the rows fill: one at least, empty when there is no row.
    var pageCount: Int { max(1, hashes.count) }

    /// Keeps one trace's digest, as stored (`TraceDigest.json`, or the last build's bytes of it).
    func addEncoded(bytes json: some ContiguousBytes) throws(PublishError) {
        json.withUnsafeBytes { hash($0) }
        try writer.line(bytes: json)
        count += 1
    }

    /// Keeps one trace's digest (`json`) as where it stands in the records: `offset`, from the file's start.
    func addEncoded(bytes json: some ContiguousBytes, at offset: Int) throws(PublishError) {
        let length = json.withUnsafeBytes {
            hash($0)
            return $0.count
        }
        try writer.line("@\(offset),\(length)")
        count += 1
    }

    private func hash(_ row: UnsafeRawBufferPointer) {
        if count % pageSize == 0 {
            hashes.append(Self.emptyHash)
            starts.append(writer.byteCount)
        }
        hashes[hashes.count - 1] = Self.hash(row: row, after: hashes[hashes.count - 1])
    }

    /// A hash of a page's rows, as stored, in order: what `IndexPageModel.digest` combines with the rest
    /// of a page's inputs.
    func rowsHash(page number: Int) -> UInt64 { number <= hashes.count ? hashes[number - 1] : Self.emptyHash }

    /// The rows of page `number` (from 1), as stored (compact JSON): read from the file, which is
    /// closed for writing the first time, and from the records for those kept there.
    func rows(page number: Int) throws -> [ArraySlice<UInt8>] {
        guard number <= starts.count else { return [] }
        try writer.close()
        let start = starts[number - 1]
        let end = number < starts.count ? starts[number] : writer.byteCount
        let lines = try Self.read(path, offset: start, length: end - start)
            .split(separator: 0x0A, omittingEmptySubsequences: true)
        // The rows kept in the records, read as one span (they stand close together there, in order).
        let kept = lines.compactMap(Self.reference)
        guard let records, let first = kept.map(\.offset).min(), let last = kept.map({ $0.offset + $0.length }).max()
        else { return lines }
        try records.flush()
        let span = try Self.read(records.path, offset: first, length: last - first)
        return lines.map { line in
            guard let (offset, length) = Self.reference(line) else { return line }
            return span[(offset - first)..<(offset - first + length)]
        }
    }

    /// `@offset,length`: where a row stands in the records.
    private static func reference(_ line: ArraySlice<UInt8>) -> (offset: Int, length: Int)? {
        guard line.first == UInt8(ascii: "@") else { return nil }
        let parts = line.dropFirst().split(separator: UInt8(ascii: ","))
        guard parts.count == 2, let offset = Int(String(decoding: parts[0], as: UTF8.self)),
            let length = Int(String(decoding: parts[1], as: UTF8.self))
        else { return nil }
        return (offset, length)
    }

    /// `length` bytes of the file at `path` from `offset`.
    private static func read(_ path: String, offset: Int, length: Int) throws -> [UInt8] {
        var block = [UInt8](repeating: 0, count: length)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LineReader.ReadError(code: errno) }
        defer { close(fd) }
        var done = 0
        while done < block.count {
            let n = block.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + done, $0.count - done, off_t(offset + done))
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw LineReader.ReadError(code: n < 0 ? errno : EIO) }
            done += n
        }
        return block
    }

    static let emptyHash = StableHash.value("")

    /// The hash of the rows so far with one more row (its bytes, then a line break).
    static func hash(row: UnsafeRawBufferPointer, after hash: UInt64) -> UInt64 {
        (StableHash.words(row, seed: hash) ^ 0x0A) &* 0x0000_0100_0000_01b3
    }
}

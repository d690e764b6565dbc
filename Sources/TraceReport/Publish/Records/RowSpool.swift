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
final class RowSpool {
    /// The spool's name in the staging folder; removed before the site is published.
    static let fileName = ".tracereport-rows.jsonl"
    private let path: String
    private let writer: SummaryWriter
    private let pageSize: Int
    private(set) var count = 0
    /// Each page's hash of its rows (`rowsHash`), and the byte offset in the file where it starts.
    private var hashes: [UInt64] = []
    private var starts: [Int] = []

    /// A spool at `path` whose pages hold `pageSize` rows.
    init(path: String, pageSize: Int = IndexPageModel.rowsPerPage) throws(PublishError) {
        self.path = path
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
        if count % pageSize == 0 {
            hashes.append(Self.emptyHash)
            starts.append(writer.byteCount)
        }
        json.withUnsafeBytes { hashes[hashes.count - 1] = Self.hash(row: $0, after: hashes[hashes.count - 1]) }
        try writer.line(bytes: json)
        count += 1
    }

    /// A hash of a page's rows, as stored, in order: what `IndexPageModel.digest` combines with the rest
    /// of a page's inputs.
    func rowsHash(page number: Int) -> UInt64 { number <= hashes.count ? hashes[number - 1] : Self.emptyHash }

    /// The rows of page `number` (from 1), as stored (compact JSON): read from the file, which is
    /// closed for writing the first time.
    func rows(page number: Int) throws -> [ArraySlice<UInt8>] {
        guard number <= starts.count else { return [] }
        try writer.close()
        let start = starts[number - 1]
        let end = number < starts.count ? starts[number] : writer.byteCount
        var block = [UInt8](repeating: 0, count: end - start)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LineReader.ReadError(code: errno) }
        defer { close(fd) }
        var done = 0
        while done < block.count {
            let n = block.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + done, $0.count - done, off_t(start + done))
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw LineReader.ReadError(code: n < 0 ? errno : EIO) }
            done += n
        }
        return block.split(separator: 0x0A, omittingEmptySubsequences: true)
    }

    static let emptyHash = StableHash.value("")

    /// The hash of the rows so far with one more row (its bytes, then a line break).
    static func hash(row: UnsafeRawBufferPointer, after hash: UInt64) -> UInt64 {
        (StableHash.words(row, seed: hash) ^ 0x0A) &* 0x0000_0100_0000_01b3
    }
}

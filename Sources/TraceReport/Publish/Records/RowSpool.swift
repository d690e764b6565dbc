import Foundation

/// Trace digests kept on disk while a build runs, read back a page at a time:
/// memory stays flat however many traces there are.
/// The file lives in the build's staging folder, not in `TMPDIR`: whatever ends the build (a failure,
/// a signal, SIGKILL) the staging folder goes, and the spool with it (the next build into the same
/// output removes a killed build's folder).
final class RowSpool {
    /// The spool's name in the staging folder; removed before the site is published.
    static let fileName = ".tracereport-rows.jsonl"
    private let path: String
    private let writer: SummaryWriter
    private(set) var count = 0

    /// A spool at `path`.
    init(path: String) throws(PublishError) {
        self.path = path
        writer = try SummaryWriter.lines(path: path)
    }

    deinit { remove() }

    /// Deletes the spool's file: it is not part of the site.
    func remove() { unlink(path) }

    /// Keeps one trace's digest, as stored (`TraceDigest.json`, or the last build's bytes of it).
    func addEncoded(bytes json: some ContiguousBytes) throws(PublishError) {
        try writer.line(bytes: json)
        count += 1
    }

    /// Reads the digests back in order, `size` at a time, as stored (compact JSON), each page's lines
    /// as one block of bytes, each line ending in a newline: a page whose rows did not change since the
    /// last build is taken over without making a string of a row (`IndexPageModel.digest` hashes the block).
    func pages(of size: Int, _ body: ([UInt8]) throws -> Void) throws {
        try writer.close()
        var reader = try LineReader(path: path)
        defer { reader.close() }
        var page: [UInt8] = []
        var lines = 0
        while try reader.withNextLine({ page.append(contentsOf: $0) }) != nil {
            page.append(0x0A)
            lines += 1
            if lines == size {
                try body(page)
                page.removeAll(keepingCapacity: true)
                lines = 0
            }
        }
        if lines > 0 || count == 0 { try body(page) }
    }

    /// The rows of a page block (`pages(of:_:)`), as stored.
    static func rows(_ page: [UInt8]) -> [ArraySlice<UInt8>] {
        page.split(separator: 0x0A, omittingEmptySubsequences: true)
    }
}

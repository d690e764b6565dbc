import Foundation

/// Trace digests kept on disk while a build runs, read back a page at a time:
/// memory stays flat however many traces there are.
final class RowSpool {
    private let path: String
    private let writer: SummaryWriter
    private(set) var count = 0
    private let interruption: Interruption.Token

    /// A spool in a temporary file of its own.
    init() throws(PublishError) {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("tracereport-rows-\(UUID().uuidString).jsonl")
            .path
        interruption = Interruption.register(path)
        writer = try SummaryWriter.lines(path: path)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
        Interruption.unregister(interruption)
    }

    /// Keeps one trace's digest, as stored (`TraceDigest.json`).
    func addEncoded(_ json: String) throws(PublishError) {
        try writer.line(json)
        count += 1
    }

    /// Reads the digests back in order, `size` at a time, as stored (compact JSON): a page whose rows
    /// did not change since the last build is taken over without parsing them (`TraceDigest.parse`).
    func pages(of size: Int, _ body: ([String]) throws -> Void) throws {
        try writer.close()
        var reader = try LineReader(path: path)
        defer { reader.close() }
        var page: [String] = []
        while let line = try reader.next() {
            page.append(String(decoding: line, as: UTF8.self))
            if page.count == size {
                try body(page)
                page.removeAll(keepingCapacity: true)
            }
        }
        if !page.isEmpty || count == 0 { try body(page) }
    }
}

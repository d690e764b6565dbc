import Foundation

/// A table's watermark in the manifest, and the last build's units replayed in order up to it: a build
/// that resumes a table's read takes the rows before the cutoff from here, as the last build left them.
extension BuildManifest {
    static let watermarkPrefix = Array("{\"watermark\":".utf8)

    /// The manifest's line for a table's watermark.
    static func watermarkLine(_ w: TableWatermark) -> String {
        JSONValue.object([
            "watermark": .object([
                "selection": .string(w.selection), "cutoff": .string(w.cutoff), "count": .int(w.count),
                "checksum": .string(w.checksum),
            ])
        ]).compactJSON
    }

    static func watermark(fromLine line: [UInt8]) -> TableWatermark? {
        guard case .object(let top)? = try? JSONDocumentParser.parse(Data(line)),
            case .object(let w)? = top["watermark"], case .string(let selection)? = w["selection"],
            case .string(let cutoff)? = w["cutoff"], case .int(let count)? = w["count"],
            case .string(let checksum)? = w["checksum"]
        else { return nil }
        return TableWatermark(selection: selection, cutoff: cutoff, count: count, checksum: checksum)
    }
}

extension BuildManifest {
    /// The watermark on the last line of the manifest at `path`, where a build writes it, read without the
    /// rest of the file (64 KB from its end at most): for the count a build asks the server for before it has
    /// read its manifest. Nil when the file is not a regular file or does not end so.
    static func lastWatermark(path: String) -> TableWatermark? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 else { return nil }
        let length = min(Int(info.st_size), 1 << 16)
        var tail = [UInt8](repeating: 0, count: length)
        let read = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, off_t(Int(info.st_size) - length)) }
        guard read == length else { return nil }
        let lines = tail.split(separator: 0x0A)
        guard let last = lines.last, last.starts(with: watermarkPrefix), lines.count > 1 || length == Int(info.st_size)
        else { return nil }
        return watermark(fromLine: Array(last))
    }
}

extension BuildManifest.Previous {
    /// The first `count` units of the last build, in its order, each with its key and its line (read with
    /// `BuildManifest.traces(fromLine:)`, by the caller, in parallel); throws when the manifest holds fewer
    /// (it was the last build's own when this build began).
    func replay(_ count: Int, _ body: (String, [UInt8]) throws -> Void) throws {
        var reader = try LineReader(path: path)
        defer { reader.close() }
        var replayed = 0
        while replayed < count,
            let line = try reader.withNextLine({ raw -> (key: String, bytes: [UInt8])? in
                BuildManifest.quotedKey(after: BuildManifest.unitPrefix, in: raw).map { ($0, Array(raw)) }
            })
        {
            guard let (key, bytes) = line else { continue }
            try body(key, bytes)
            replayed += 1
        }
        guard replayed == count else {
            throw PublishError(
                path: path,
                reason:
                    "holds \(replayed) rows before its watermark, not \(count): build again with --full to read every row"
            )
        }
    }
}

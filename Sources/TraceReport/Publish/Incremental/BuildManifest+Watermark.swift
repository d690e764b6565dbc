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

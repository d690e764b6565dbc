import Foundation

/// Telling the manifest's lines apart without copying them: a unit line starts `{"key":"<key>"`, a group
/// line `{"group":"<first key>"` (keys are sorted, and a key holds no quote), anything else is copied out.
extension BuildManifest {
    enum ScannedLine {
        case unit(key: String, length: Int)
        case group(key: String, length: Int)
        case other(Data)
    }

    static let unitPrefix = Array("{\"key\":\"".utf8)

    static func scan(_ line: UnsafeRawBufferPointer) -> ScannedLine {
        if let key = quotedKey(after: unitPrefix, in: line) { return .unit(key: key, length: line.count) }
        if let key = quotedKey(after: groupPrefix, in: line) { return .group(key: key, length: line.count) }
        return .other(Data(line))
    }

    /// The text between `prefix`, which the line starts with, and the next quote.
    static func quotedKey(after prefix: [UInt8], in line: UnsafeRawBufferPointer) -> String? {
        guard line.count > prefix.count, line.starts(with: prefix),
            let quote = line[prefix.count...].firstIndex(of: 0x22)
        else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: line[prefix.count..<quote]), as: UTF8.self)
    }
}

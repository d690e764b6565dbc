import Foundation

/// Parses bytes into a `JSONValue` (a UTF-8 byte-order mark allowed), saying
/// where a document goes wrong by line and column.
enum JSONDocumentParser {
    /// `skim`: the document is a trace (or an array of them) read for the report, whose bulky bodies
    /// are skimmed (`JSONParser+Skim.swift`).
    static func parse(_ data: Data, skim: Bool = false) throws(TraceFieldError) -> JSONValue {
        let result: Result<JSONValue, TraceFieldError> = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                return .failure(TraceFieldError(path: .root, reason: "no JSON here: the text is empty"))
            }
            do throws(JSONParser.Failure) {
                return .success(try JSONParser.parse(bytes, skim: skim))
            } catch {
                let (line, column) = location(of: error.offset, in: bytes)
                return .failure(
                    TraceFieldError(
                        path: .root, reason: "not valid JSON at line \(line), column \(column): \(error.reason)"))
            }
        }
        return try result.get()
    }

    /// Line and column (in characters, from 1) of a byte offset.
    static func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

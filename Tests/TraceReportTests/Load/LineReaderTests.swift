import Foundation
import Testing

@testable import TraceReport

/// JSONL is read a chunk at a time: every line comes back whole and in order, whatever its length
/// against the chunk, with a CRLF ending or none at the end of the file.
@Suite("Reading JSONL a chunk at a time: every line whole, in order")
struct LineReaderTests {
    func lines(of bytes: [UInt8], chunkSize: Int) throws -> [Data] {
        let path = try TestPaths.temporaryFolder() + "/lines.jsonl"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var reader = try LineReader(path: path, chunkSize: chunkSize)
        defer { reader.close() }
        var out: [Data] = []
        while let line = try reader.next() { out.append(line) }
        return out
    }

    /// What a reader must give: the text split at `\n`, a `\r` before it dropped, no line after a final `\n`.
    func expected(_ bytes: [UInt8]) -> [Data] {
        guard !bytes.isEmpty else { return [] }
        var parts = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if bytes.last == 0x0A { parts.removeLast() }
        return parts.map { Data($0.last == 0x0D ? $0.dropLast() : $0[...]) }
    }

    @Test("random lines, shorter and longer than the chunk, CRLF, empty, a last line without a newline")
    func randomLines() throws {
        var random = SplitMix(seed: 22)
        for round in 0..<60 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                let length = [0, 1, 5, 63, 64, 65, 300].randomElement(using: &random)!
                bytes += (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
                bytes += Bool.random(using: &random) ? [0x0D, 0x0A] : [0x0A]
            }
            if round % 3 == 0 { bytes += Array("last \u{00e9}".utf8) }
            for chunk in [1, 7, 64, 1 << 20] {
                #expect(try lines(of: bytes, chunkSize: chunk) == expected(bytes), "round \(round), chunk \(chunk)")
            }
        }
    }

    @Test("an empty file has no line; a file of newlines has empty lines")
    func edges() throws {
        #expect(try lines(of: [], chunkSize: 4).isEmpty)
        #expect(try lines(of: Array("\n\n\r\n".utf8), chunkSize: 2) == [Data(), Data(), Data()])
        #expect(try lines(of: Array("a\r".utf8), chunkSize: 1) == [Data("a".utf8)])
    }
}

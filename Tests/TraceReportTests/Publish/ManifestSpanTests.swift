import Foundation
import Testing

@testable import TraceReport

/// The last build's unit lines are read for a batch of keys a span at a time: what each key gets must
/// be its own line, whatever the order of the keys, the gaps between lines or the keys it never had.
@Suite("Manifest lines read in spans: each key gets its own line", .temporaryFolder)
struct ManifestSpanTests {
    @Test("keys in any order, repeated or unknown, lines far apart: each gets its own line or nothing")
    func spansGiveEachKeyItsLine() throws {
        let root = TemporaryFolder.path
        var lines = [BuildManifest.header("fp")]
        var expected: [String: String] = [:]
        for i in 0..<300 {
            // Every 50th line is long: the lines around it are further apart than a span's gap.
            let padding = String(repeating: "x", count: i % 50 == 0 ? BuildManifest.Previous.spanGap + 10 : i)
            let line = #"{"key":"k\#(i)","traces":[]}"# + "\t" + padding
            expected["k\(i)"] = line
            lines.append(line)
            if i % 7 == 0 { lines.append(#"{"group":"k\#(i)","keys":"h","traces":1,"units":1}"#) }
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(
            to: URL(fileURLWithPath: root + "/" + BuildManifest.fileName))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: root + "/summary.json"))
        let previous = try #require(BuildManifest.Previous(site: PreviousSite(root: root), fingerprint: "fp"))
        var random = SplitMix(seed: 7)
        let keys: [String?] = (0..<400).map { _ in
            let n = Int.random(in: 0..<340, using: &random)
            return n >= 320 ? nil : "k\(n)"
        }
        let got = previous.lines(keys)
        #expect(got.count == keys.count)
        for (key, line) in zip(keys, got) {
            #expect(line.map { String(decoding: $0, as: UTF8.self) } == key.flatMap { expected[$0] }, "\(key ?? "nil")")
        }
    }
}

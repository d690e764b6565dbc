import Foundation
import Testing

/// Compares `actual` with the golden file `Snapshots/<name>`. With
/// `RECORD_SNAPSHOTS=1` the file is rewritten and the test still fails once,
/// so nothing is accepted without a second, reviewed run.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = TestPaths.snapshot(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        Issue.record(
            "Recorded snapshot \(name); review it and run again without RECORD_SNAPSHOTS.",
            sourceLocation: sourceLocation)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("No snapshot \(name): run with RECORD_SNAPSHOTS=1 to record it.", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first =
            zip(expectedLines, actualLines).enumerated().first { $1.0 != $1.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        Issue.record(
            """
            Snapshot \(name) differs at line \(first + 1):
              expected: \(first < expectedLines.count ? String(expectedLines[first]) : "<end>")
              actual:   \(first < actualLines.count ? String(actualLines[first]) : "<end>")
            Run with RECORD_SNAPSHOTS=1 to accept the change.
            """, sourceLocation: sourceLocation)
    }
}

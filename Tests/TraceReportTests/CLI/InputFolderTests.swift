import Foundation
import Testing

@testable import TraceReport

/// Input folders as they are on real disks: symbolic links followed (each real file once), and what
/// cannot be read — a link loop, a FIFO named like a trace file — named as an input error while the
/// rest is read, in the debug and the release binary.
@Suite("Input folders: symbolic links followed, loops and special files named", .temporaryFolder)
struct InputFolderTests {
    static let trace = TestPaths.fixture("older-shape.json")

    @Test("a symlink to a folder, and a symlinked subfolder, are read; a file reached twice is read once")
    func symlinks() throws {
        let root = TemporaryFolder.path
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/real/sub", withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.trace, toPath: root + "/real/sub/one.json")
        try fm.createDirectory(atPath: root + "/input", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: root + "/input/linked", withDestinationPath: root + "/real")
        try fm.createSymbolicLink(atPath: root + "/input/again", withDestinationPath: root + "/real/sub")
        try fm.createSymbolicLink(atPath: root + "/folder-link", withDestinationPath: root + "/input")
        for binary in TestPaths.contractBinaries {
            for input in [root + "/input", root + "/folder-link"] {
                let result = try runTraceReport(["check", input], binary: binary)
                #expect(result.stderr.hasPrefix("checked 1 trace"), "\(binary) \(input): \(result.stderr)")
                #expect(result.status == 0, "\(result.stdout)")
            }
        }
    }

    @Test("a symlink loop and a FIFO named *.jsonl are input errors naming them (exit 1); the rest is read")
    func loopAndFIFO() throws {
        let root = TemporaryFolder.path
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/input/deep", withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.trace, toPath: root + "/input/one.json")
        try fm.createSymbolicLink(atPath: root + "/input/deep/back", withDestinationPath: root + "/input")
        #expect(mkfifo(root + "/input/pipe.jsonl", 0o644) == 0)
        for binary in TestPaths.contractBinaries {
            let result = try runTraceReport(["check", root + "/input"], binary: binary)
            #expect(result.status == 1, "\(binary): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(
                lines.contains(
                    ShownPath.relative(root)
                        + "/input/deep/back: a symbolic link loop: it leads back into a folder it is in"),
                "\(lines)")
            #expect(
                lines.contains(
                    ShownPath.relative(root)
                        + "/input/pipe.jsonl: a FIFO (named pipe), not a file: it is not read (remove it from the folder)"
                ),
                "\(lines)")
            #expect(lines.last?.hasPrefix("checked 1 trace") == true, "\(lines)")
            let fifo = try runTraceReport(["check", root + "/input/pipe.jsonl"], binary: binary)
            #expect(fifo.status == 1 && fifo.stderr.contains("a FIFO (named pipe), not a file"), "\(fifo.stderr)")
        }
    }
}

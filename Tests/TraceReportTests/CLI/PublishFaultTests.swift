import Foundation
import Testing

@testable import TraceReport

/// Publishing when something else happens to the output at the same time, created for real in the
/// debug and the release binary: a second build racing for it, a symbolic link planted in the last
/// site, a build killed with SIGKILL, a mount point, a `TMPDIR` that does not exist.
@Suite("Publishing under faults: concurrent builds, planted links, killed builds, mount points", .temporaryFolder)
struct PublishFaultTests {
    /// Starts a build of `input` into `output` that takes a while, and returns once it writes pages.
    static func startSlowBuild(_ binary: String, input: String, output: String, stderr: String) throws -> ChildProcess {
        let child = try ChildProcess(
            binary, ["build", input, "--output", output, "--jobs", "1", "--history-limit", "1"], stderr: stderr)
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        for _ in 0..<4_000 {
            let writing = try FileManager.default.contentsOfDirectory(atPath: parent).contains {
                $0.hasPrefix(".\(name).tracereport-tmp-")
                    && FileManager.default.fileExists(atPath: parent + "/" + $0 + "/traces/m1.html")
            }
            if writing { return child }
            usleep(2_000)
        }
        Issue.record("the slow build never started writing pages")
        return child
    }

    static func build(_ binary: String, _ input: String, _ output: String, _ extra: [String] = []) throws
        -> CommandResult
    {
        try runTraceReport(["build", input, "--output", output, "--history-limit", "1"] + extra, binary: binary)
    }

    static func text(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    @Test(
        "two builds into one output: the second waits (or exits 2 with --no-wait) and the site is never a mix",
        arguments: TestPaths.contractBinaries)
    func concurrentBuilds(binary: String) throws {
        let root = TemporaryFolder.path
        try ExitContractTests.manyTraces(3_000).write(to: URL(fileURLWithPath: root + "/many.jsonl"))
        try ExitContractTests.manyTraces(7).write(to: URL(fileURLWithPath: root + "/small.jsonl"))
        // What one build after the other gives.
        #expect(try Self.build(binary, root + "/many.jsonl", root + "/sequential").status == 0)
        #expect(try Self.build(binary, root + "/small.jsonl", root + "/sequential").status == 0)

        let slow = try Self.startSlowBuild(
            binary, input: root + "/many.jsonl", output: root + "/site", stderr: root + "/slow.err")
        let refused = try Self.build(binary, root + "/small.jsonl", root + "/site", ["--no-wait"])
        #expect(refused.status == 2 && refused.signal == nil, "\(refused.stderr)")
        #expect(
            refused.stderr.hasPrefix(
                "tracereport: error: publish: \(root)/site: another tracereport build (pid \(slow.pid)) is writing this folder"
            )
                && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        let waited = try Self.build(binary, root + "/small.jsonl", root + "/site")
        #expect(try slow.wait(timeout: 300) == .exited(0), Comment(rawValue: Self.text(root + "/slow.err")))
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(
            waited.stderr.contains(
                "note: \(root)/site: another tracereport build (pid \(slow.pid)) is writing this folder; waiting for it to finish"
            ), "\(waited.stderr)")
        let site = PublishSafetyTests.tree(root + "/site")
        #expect(site.count > 10)
        #expect(site == PublishSafetyTests.tree(root + "/sequential"), "the site is the second build's, whole")
        // The list of unchanged files (`.<output>.tracereport-files`) is kept for the next build, as a cache.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root).filter {
                $0.hasPrefix(".") && !$0.hasSuffix(".tracereport-files")
            }.isEmpty,
            "no lock, staging folder or spool is left beside the output")
    }

    @Test(
        "a symbolic link planted in the last site is not carried into the new one, and the build says so",
        arguments: TestPaths.contractBinaries)
    func plantedLinks(binary: String) throws {
        let root = TemporaryFolder.path
        try ExitContractTests.manyTraces(7).write(to: URL(fileURLWithPath: root + "/small.jsonl"))
        try Data("private key\n".utf8).write(to: URL(fileURLWithPath: root + "/secret"))
        for output in ["/site", "/reference"] {
            #expect(try Self.build(binary, root + "/small.jsonl", root + output).status == 0)
        }
        let fm = FileManager.default
        func plant(_ pages: [String]) throws {
            for page in pages {
                try fm.removeItem(atPath: root + "/site/" + page)
                try fm.createSymbolicLink(atPath: root + "/site/" + page, withDestinationPath: root + "/secret")
            }
        }
        func noLinksNorSecret() {
            let site = PublishSafetyTests.tree(root + "/site")
            #expect(!site.values.contains { String(decoding: $0, as: UTF8.self).contains("private key") })
            let links = fm.enumerator(atPath: root + "/site")!.compactMap { $0 as? String }.filter {
                (try? fm.destinationOfSymbolicLink(atPath: root + "/site/" + $0)) != nil
            }
            #expect(links.isEmpty, "\(links)")
        }
        let note =
            "note: \(root)/site: 2 files of the last site were not written by tracereport (a symbolic link or special file where a page or record was) and were left out"

        // In place of a trace's pages, the build would otherwise have taken over; beside them, a new file.
        try plant(["traces/m2.html", "traces/m2.md"])
        try fm.createSymbolicLink(atPath: root + "/site/planted.html", withDestinationPath: root + "/secret")
        var rebuilt = try Self.build(binary, root + "/small.jsonl", root + "/site")
        #expect(rebuilt.status == 0 && rebuilt.stderr.contains(note), "\(rebuilt.stderr)")
        #expect(try Self.build(binary, root + "/small.jsonl", root + "/reference").status == 0)
        #expect(
            PublishSafetyTests.tree(root + "/site") == PublishSafetyTests.tree(root + "/reference"),
            "the site is what an untouched one becomes")
        noLinksNorSecret()

        // In place of the records: the manifest's summary is not trusted and the history starts over.
        try plant(["summary.json", "history.jsonl"])
        rebuilt = try Self.build(binary, root + "/small.jsonl", root + "/site")
        #expect(rebuilt.status == 0 && rebuilt.stderr.contains(note), "\(rebuilt.stderr)")
        #expect(Self.text(root + "/site/history.jsonl").hasPrefix("{\"build\":1,"))
        #expect(
            Self.text(root + "/site/summary.json") == Self.text(root + "/reference/summary.json"),
            "summary.json is this build's")
        noLinksNorSecret()
    }

    @Test(
        "what a SIGKILLed build leaves beside the output is removed by the next build into it",
        arguments: TestPaths.contractBinaries)
    func killedBuild(binary: String) throws {
        let root = TemporaryFolder.path
        try ExitContractTests.manyTraces(3_000).write(to: URL(fileURLWithPath: root + "/many.jsonl"))
        try ExitContractTests.manyTraces(7).write(to: URL(fileURLWithPath: root + "/small.jsonl"))
        #expect(try Self.build(binary, root + "/small.jsonl", root + "/reference").status == 0)
        let slow = try Self.startSlowBuild(
            binary, input: root + "/many.jsonl", output: root + "/site", stderr: root + "/slow.err")
        slow.send(SIGKILL)
        #expect(try slow.wait(timeout: 60) == .signaled(SIGKILL))
        let left = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".site.") }
        #expect(left.contains { $0.hasPrefix(".site.tracereport-tmp-") }, "the killed build left its staging folder")
        let next = try Self.build(binary, root + "/small.jsonl", root + "/site")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root).filter {
                $0.hasPrefix(".") && !$0.hasSuffix(".tracereport-files")
            }.isEmpty)
        #expect(PublishSafetyTests.tree(root + "/site") == PublishSafetyTests.tree(root + "/reference"))
    }

    @Test("an --output that is a mount point exits 2 with what to do", arguments: TestPaths.contractBinaries)
    func mountPoint(binary: String) throws {
        let root = TemporaryFolder.path
        guard let mount = try Mount.tmpfs(at: root + "/mnt", options: "size=8m") else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI runs as root and must test mount points")
            return
        }
        defer { mount.unmount() }
        let result = try runTraceReport(["build", "--output", root + "/mnt"], binary: binary)
        #expect(result.status == 2 && result.signal == nil)
        #expect(
            result.stderr
                == "tracereport: error: publish: \(root)/mnt: is a mount point (another file system than \(root)): a site is published by swapping a finished folder into place, which cannot replace a mount point; pass --output with a folder inside it, such as \(root)/mnt/site\n"
        )
        #expect(try runTraceReport(["build", "--output", root + "/mnt/site"], binary: binary).status == 0)
    }

    @Test(
        "a TMPDIR that does not exist: build does not need it; rerun --command names it (exit 2) and creates nothing",
        arguments: TestPaths.contractBinaries)
    func missingTemporaryFolder(binary: String) throws {
        let root = TemporaryFolder.path
        let environment = ["TMPDIR": root + "/nowhere/tmp"]
        let build = try runTraceReport(["build", "--output", root + "/site"], environment: environment, binary: binary)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try runTraceReport(["rerun", "--output", root + "/runs"], binary: binary).status == 0)
        let rerun = try runTraceReport(
            ["rerun", "--command", "cat \"$TRACE_FILE\"", "--output", root + "/again", root + "/runs/scoped"],
            environment: environment, binary: binary)
        #expect(rerun.status == 2 && rerun.signal == nil)
        #expect(
            rerun.stderr
                == "tracereport: error: publish: TMPDIR=\(root)/nowhere/tmp: cannot create the command's work folder there: no such file or folder; set TMPDIR to an existing folder you can write to\n"
        )
        #expect(!FileManager.default.fileExists(atPath: root + "/nowhere"))
        #expect(!FileManager.default.fileExists(atPath: root + "/again"), "nothing is published")
    }
}

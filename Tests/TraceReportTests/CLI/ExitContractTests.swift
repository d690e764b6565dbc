import Foundation
import Testing

@testable import TraceReport

/// The README's exit-code table, held by every binary users can run: the debug build `swift test`
/// made and the release build (`make test` passes it in `TRACEREPORT_RELEASE_BINARY`). Each case
/// checks the status, that no signal ended the process, and that standard error is the one line a
/// user can act on: no crash report, no password.
@Suite("the exit-code contract, in the debug and the release binary", .temporaryFolder)
struct ExitContractTests {
    /// One failure as a user meets it.
    struct Failure {
        var status: Int32
        /// The start of the one line on standard error.
        var line: String
    }

    static func expect(
        _ result: CommandResult, _ failure: Failure, password: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            result.signal == nil, "killed by signal \(result.signal ?? 0): \(result.stderr.prefix(300))",
            sourceLocation: sourceLocation)
        #expect(result.status == failure.status, "\(result.stderr.prefix(300))", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.count == 2 && lines[1].isEmpty, "one line on standard error: \(result.stderr.prefix(600))",
            sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix(failure.line), "\(result.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(
            !result.stderr.contains("Program crashed") && !result.stderr.contains("Backtrac"),
            sourceLocation: sourceLocation)
        if let password {
            #expect(
                !result.stderr.contains(password) && !result.stdout.contains(password), sourceLocation: sourceLocation)
        }
    }

    @Test("the release binary is tested in CI", .enabled(if: ProcessInfo.processInfo.environment["CI"] != nil))
    func releaseBinaryIsGiven() {
        #expect(
            TestPaths.contractBinaries.count == 2,
            "make test passes TRACEREPORT_RELEASE_BINARY; without it only the debug build is held to the contract")
    }

    @Test("usage errors exit 2 with one line naming what to fix", arguments: TestPaths.contractBinaries)
    func usage(binary: String) throws {
        let root = TemporaryFolder.path
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/afile"))
        let run = { (arguments: [String]) in try runTraceReport(arguments, in: root, binary: binary) }
        Self.expect(
            try run(["build", "--bogus"]), Failure(status: 2, line: "tracereport: error: Unknown option '--bogus'"))
        Self.expect(
            try run(["build", "--output", ""]),
            Failure(status: 2, line: "tracereport: error: --output is empty: pass the folder to write to"))
        Self.expect(
            try run(["build", "--output", "afile"]),
            Failure(status: 2, line: "tracereport: error: --output afile is a file, not a folder"))
        Self.expect(
            try run(["check", "nope.jsonl"]),
            Failure(status: 2, line: "tracereport: error: nope.jsonl: no such file or folder"))
        Self.expect(
            try run(["nope"]),
            Failure(status: 2, line: "tracereport: error: Unexpected argument 'nope' (see tracereport --help)"))
        let help = try run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("130  interrupted (SIGINT)") && help.stderr.isEmpty)
        // A subcommand's help is that subcommand's (it used to print the overview instead).
        for arguments in [["build", "--help"], ["help", "build"], ["build", "-h"]] {
            let build = try run(arguments)
            #expect(
                build.status == 0 && build.stdout.contains("USAGE: tracereport build")
                    && build.stdout.contains("--no-wait") && build.stdout.contains("--db-timeout"),
                "\(arguments): \(build.stdout.prefix(200))")
        }
    }

    @Test("an output folder that cannot be used exits 2 and names it", arguments: TestPaths.contractBinaries)
    func outputFolders(binary: String) throws {
        let root = TemporaryFolder.path
        let run = { (arguments: [String]) in try runTraceReport(arguments, in: root, binary: binary) }
        try FileManager.default.createDirectory(atPath: root + "/busy", withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: root + "/busy/notes.txt"))
        Self.expect(
            try run(["build", "--output", "busy"]),
            Failure(status: 2, line: "tracereport: error: publish: busy: holds files tracereport did not write"))
        #expect(FileManager.default.contents(atPath: root + "/busy/notes.txt") == Data("mine".utf8))
        Self.expect(
            try run(["build", "--output", "/proc/tracereport-site"]),
            Failure(status: 2, line: "tracereport: error: publish: /proc/tracereport-site: "))
        try FileManager.default.createSymbolicLink(
            atPath: root + "/dangling", withDestinationPath: root + "/nowhere/site")
        Self.expect(
            try run(["build", "--output", "dangling"]),
            Failure(
                status: 2,
                line:
                    "tracereport: error: publish: dangling: is a symbolic link to \(root)/nowhere/site, which does not exist"
            ))
        Self.expect(
            try run(["rerun", "--output", "busy"]),
            Failure(status: 2, line: "tracereport: error: publish: busy: holds files tracereport did not write"))
    }

    @Test("a read-only or full disk exits 2, naming the output", arguments: TestPaths.contractBinaries)
    func disks(binary: String) throws {
        let root = TemporaryFolder.path
        guard let readOnly = try Mount.tmpfs(at: root + "/ro", options: "ro,size=1m"),
            let full = try Mount.tmpfs(at: root + "/full", options: "size=64k")
        else {
            // Mounting needs root (CI and `make test` run as root here); elsewhere the other cases still hold.
            #expect(
                ProcessInfo.processInfo.environment["CI"] == nil,
                "CI runs as root and must test full and read-only disks")
            return
        }
        defer {
            readOnly.unmount()
            full.unmount()
        }
        Self.expect(
            try runTraceReport(["build", "--output", root + "/ro/site"], binary: binary),
            Failure(status: 2, line: "tracereport: error: publish: \(root)/ro/site: "))
        let result = try runTraceReport(["build", "--output", root + "/full/site"], binary: binary)
        Self.expect(result, Failure(status: 2, line: "tracereport: error: publish: "))
        #expect(result.stderr.contains("no space left"), "\(result.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root + "/full").isEmpty, "the staging folder is removed"
        )
    }

    @Test("templates and pipeline specs that cannot be used exit 2", arguments: TestPaths.contractBinaries)
    func templatesAndSpecs(binary: String) throws {
        let root = TemporaryFolder.path
        try FileManager.default.createDirectory(atPath: root + "/Templates", withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: TestPaths.packageRoot.path + "/Templates")
        where name != "layout.mustache" {
            try FileManager.default.copyItem(
                atPath: TestPaths.packageRoot.path + "/Templates/" + name, toPath: root + "/Templates/" + name)
        }
        Self.expect(
            try runTraceReport(
                ["build", "--templates", root + "/Templates", "--output", root + "/site"], binary: binary),
            Failure(status: 2, line: "tracereport: error: render: \(root)/Templates/layout.mustache: template missing"))
        try Data("{".utf8).write(to: URL(fileURLWithPath: root + "/spec.json"))
        Self.expect(
            try runTraceReport(
                ["rerun", "--pipeline", root + "/spec.json", "--output", root + "/runs"], binary: binary),
            Failure(status: 2, line: "tracereport: error: load: \(root)/spec.json: $: not valid JSON"))
        #expect(
            !FileManager.default.fileExists(atPath: root + "/site")
                && !FileManager.default.fileExists(atPath: root + "/runs"))
    }

    @Test(
        "inputs: a broken file beside good ones exits 1; check exits 3 on a failing finding, 0 without",
        arguments: TestPaths.contractBinaries)
    func inputsAndCheck(binary: String) throws {
        let root = TemporaryFolder.path
        let input = TestPaths.fixture("site-input")
        let build = try runTraceReport(["build", input, "--output", root + "/site"], binary: binary)
        #expect(build.status == 1 && build.signal == nil)
        #expect(
            build.stderr.hasPrefix("\(ShownPath.relative(input))/partly-broken.jsonl:3: not valid JSON")
                && build.stderr.split(separator: "\n").count == 1)
        #expect(FileManager.default.fileExists(atPath: root + "/site/index.html"), "the good traces are published")

        let failing = try runTraceReport(["check", TestPaths.fixture("newer-shape-legacy.json")], binary: binary)
        #expect(failing.status == 3 && failing.signal == nil && failing.stdout.contains("error stage-assets-missing"))
        let passing = try runTraceReport(["check", TestPaths.fixture("older-shape.json")], binary: binary)
        #expect(passing.status == 0 && passing.signal == nil, "\(passing.stdout)")
    }

    @Test("render with no input prints the bundled sample's first trace", arguments: TestPaths.contractBinaries)
    func renderSample(binary: String) throws {
        let result = try runTraceReport(["render"], binary: binary)
        #expect(result.status == 0 && result.signal == nil, "\(result.stderr)")
        #expect(result.stdout.contains("scoped-q01") && !result.stdout.contains("scoped-q02"))
        let html = try runTraceReport(["render", "--format", "html", "--trace-id", "scoped-q02"], binary: binary)
        #expect(html.status == 0 && html.stdout.contains("scoped-q02") && html.stdout.hasPrefix("<!DOCTYPE html>"))
    }

    @Test(
        "databases that cannot be read exit 1 with the password hidden", .enabled(if: PostgresServer.available),
        arguments: TestPaths.contractBinaries)
    func databases(binary: String) throws {
        let db = try DatabaseInputTests.Database(lines: DatabaseTraces.lines(3))
        let base = try #require(URLComponents(string: db.url))
        let password = PostgresServer.password
        let shown = "postgresql://tracereport:***@127.0.0.1:\(base.port!)"
        let run = { (url: String) in
            try runTraceReport(
                ["build", url, "--output", FileManager.default.temporaryDirectory.path + "/unused-\(UUID())"],
                binary: binary)
        }
        let closedPort = try DatabaseInputTests.freePort()
        Self.expect(
            try run("postgresql://tracereport:\(password)@127.0.0.1:\(closedPort)/x"),
            Failure(
                status: 1,
                line:
                    "tracereport: error: load: postgresql://tracereport:***@127.0.0.1:\(closedPort)/x: cannot connect to 127.0.0.1:\(closedPort): connection refused"
            ),
            password: password)
        var wrong = base
        wrong.password = "not-the-password"
        Self.expect(
            try run(try #require(wrong.string)),
            Failure(
                status: 1,
                line:
                    "tracereport: error: load: \(shown)/\(db.name)?sslmode=disable: authentication failed for user tracereport"
            ), password: password)
        Self.expect(
            try run(try PostgresServer.url(database: "no_such_db")),
            Failure(
                status: 1,
                line:
                    "tracereport: error: load: \(shown)/no_such_db?sslmode=disable: database no_such_db does not exist"),
            password: password)

        let role = "slow_\(db.name)"
        try PostgresServer.psql([
            "CREATE ROLE \(role) LOGIN PASSWORD 'secret-\(role)'", "ALTER ROLE \(role) SET statement_timeout = '1ms'",
        ])
        defer {
            _ = try? PostgresServer.psql(["DROP OWNED BY \(role)", "DROP ROLE IF EXISTS \(role)"], database: db.name)
        }
        try db.psql("GRANT SELECT ON tb_execution_trace TO \(role)")
        // Enough rows that a 1 ms statement timeout cancels the read.
        try db.psql(
            "INSERT INTO tb_execution_trace (trace_id, feature, endpoint, method, ops_mode, question, duration_ms, applied_assets, stage_inputs, created_at) SELECT 'bulk-' || i, 'f', '/', 'POST', 'live', 'q ' || i, i, '{\"prompt\": {\"name\": \"p\", \"version\": 1}}', '[{\"stage\": \"compose\", \"applied_assets\": {\"prompt\": \"p (v1)\"}}]', '2026-12-01'::timestamptz + i * interval '1 second' FROM generate_series(1, 20000) AS i"
        )
        let slow = try PostgresServer.url(database: db.name, user: role, password: "secret-\(role)")
        Self.expect(
            try run(slow),
            Failure(
                status: 1, line: "tracereport: error: load: postgresql://\(role):***@127.0.0.1:\(base.port!)/\(db.name)"
            ),
            password: "secret-\(role)")
        let cancelled = try run(slow).stderr
        #expect(
            cancelled.contains(
                ": the server's statement_timeout (1ms) cancelled the read; nothing was published: raise it for user \(role) (ALTER ROLE \(role) SET statement_timeout = '10min'), or read fewer rows with --since, --until or --limit\n"
            ), "\(cancelled)")
    }

    @Test(
        "SIGTERM and SIGINT during a build exit 143 and 130, keep the previous site and leave nothing behind",
        arguments: TestPaths.contractBinaries)
    func signals(binary: String) throws {
        let root = TemporaryFolder.path
        try FileManager.default.createDirectory(atPath: root + "/tmp", withIntermediateDirectories: true)
        #expect(
            try runTraceReport(["build", TestPaths.fixture("site-input"), "--output", root + "/site"], binary: binary)
                .status == 1)
        let before = PublishSafetyTests.tree(root + "/site")
        try Self.manyTraces(4_000).write(to: URL(fileURLWithPath: root + "/many.jsonl"))
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = root + "/tmp"
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
            let child = try ChildProcess(
                binary, ["build", root + "/many.jsonl", "--output", root + "/site", "--jobs", "2"],
                environment: environment, stderr: root + "/stderr")
            // Signalled once it is writing pages into its staging folder.
            var staging: String?
            for _ in 0..<2_000 where staging == nil {
                usleep(5_000)
                staging = try FileManager.default.contentsOfDirectory(atPath: root).first {
                    $0.hasPrefix(".site.tracereport-tmp-")
                }
                .flatMap { FileManager.default.fileExists(atPath: root + "/" + $0 + "/traces") ? $0 : nil }
            }
            #expect(staging != nil, "the build started writing")
            usleep(100_000)
            child.send(signal)
            let ended = try child.wait(timeout: 60)
            #expect(ended == .exited(status), "\(ended)")
            let stderr = String(
                decoding: FileManager.default.contents(atPath: root + "/stderr") ?? Data(), as: UTF8.self)
            #expect(stderr.contains("nothing was published; the previous site stays"), "\(stderr)")
            #expect(PublishSafetyTests.tree(root + "/site") == before, "the previous site is as it was")
            // The list of unchanged input files the build before left is a cache for the next (README).
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: root).sorted().filter {
                    $0 != ".site.tracereport-files"
                } == ["many.jsonl", "site", "stderr", "tmp"], "no staging folder left")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: root + "/tmp").isEmpty,
                "no row spool left in TMPDIR")
        }
    }

    /// `count` small traces, one per line.
    static func manyTraces(_ count: Int) -> Data {
        var text = ""
        for i in 0..<count {
            text +=
                #"{"trace_id": "m\#(i)", "question": "q \#(i)", "applied_assets": {"prompt": {"name": "p", "version": 1, "source": "asset_registry"}}, "#
            text += #""stage_inputs": [{"stage": "compose", "applied_assets": {"prompt": "p (v1)"}}]}"# + "\n"
        }
        return Data(text.utf8)
    }
}

/// A tmpfs mounted for one test (root only), to make a disk read-only or full for real.
struct Mount {
    let path: String

    /// Mounts a tmpfs at `path`; nil when this process may not mount.
    static func tmpfs(at path: String, options: String) throws -> Mount? {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let child = try ChildProcess(try TestPaths.executable("mount"), ["-t", "tmpfs", "-o", options, "tmpfs", path])
        return try child.wait(timeout: 30) == .exited(0) ? Mount(path: path) : nil
    }

    func unmount() {
        if let child = try? ChildProcess((try? TestPaths.executable("umount")) ?? "/bin/umount", [path]) {
            _ = try? child.wait(timeout: 30)
        }
    }
}

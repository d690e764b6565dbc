import Foundation
import Testing

@testable import TraceReport

/// `tracereport build postgresql://…` against the real server `make test` starts:
/// the same site as from files, every selection option, baselines by parent, and
/// every error a user meets, each as one line with the password hidden.
@Suite(
    "Database input: tb_execution_trace read from a real PostgreSQL server", .temporaryFolder,
    .enabled(if: PostgresServer.available))
struct DatabaseInputTests {
    /// A database of its own for one test, dropped afterwards.
    final class Database {
        let name: String
        let url: String
        init(_ schema: PostgresServer.Schema = .current, lines: [String] = []) throws {
            name = try PostgresServer.makeDatabase(schema)
            url = try PostgresServer.url(database: name)
            if !lines.isEmpty { try PostgresServer.insert(lines, into: name) }
        }
        deinit { PostgresServer.dropDatabase(name) }
        func psql(_ commands: String...) throws { try PostgresServer.psql(commands, database: name) }

        /// The note a database without the golden-query tables gets once its traces are read.
        var noGoldenNote: String {
            "note: \(url.replacingOccurrences(of: PostgresServer.password, with: "***")): no golden-query tables (tb_golden_query, tb_regression_baseline, tb_regression_run): no golden section\n"
        }
    }

    /// Every file of a site but the manifest, with the lines and fields that name a trace's source left out.
    /// Every file of a site, with trace sources and the given input names (as the history records them) replaced by `-`.
    static func withoutSources(_ root: String, inputs: [String] = []) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            guard path != BuildManifest.fileName, let data = FileManager.default.contents(atPath: root + "/" + path)
            else { continue }
            var text = String(decoding: data, as: UTF8.self)
            if path == "summary.json" {
                text = text.replacingOccurrences(
                    of: #""source":"[^"]*""#, with: #""source":"-""#, options: .regularExpression)
            } else {
                text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("Source:") }
                    .joined(separator: "\n")
            }
            for input in inputs {
                // As written, as escaped into Markdown, and as that shows in HTML (the escaper's comment after an `@` stays).
                let inHTML = input.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                    of: "@", with: "@<!-- -->")
                text = text.replacingOccurrences(of: input, with: "-").replacingOccurrences(
                    of: MarkdownEscaper.escape(input), with: "-"
                )
                .replacingOccurrences(of: inHTML, with: "-")
            }
            files[path] = text
        }
        return files
    }

    static func summaryIDs(_ site: String) throws -> [String] {
        let data = try #require(FileManager.default.contents(atPath: site + "/summary.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json["traces"] as? [[String: Any]]).compactMap { $0["trace_id"] as? String }
    }

    @Test("the same traces from JSONL and from the database give the same site, apart from each trace's source")
    func sameSiteAsFiles() throws {
        let root = TemporaryFolder.path
        let lines = DatabaseTraces.lines(12)
        let db = try Database(lines: lines)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: root + "/traces.jsonl"))
        let fromFile = try runTraceReport(["build", root + "/traces.jsonl", "--output", root + "/file-site"])
        let fromDB = try runTraceReport(["build", db.url, "--output", root + "/db-site"])
        #expect(fromFile.status == 0 && fromDB.status == 0, "\(fromDB.stderr)")
        #expect(fromDB.stderr == db.noGoldenNote, "no other note: every column is there")
        let inputs = [
            ShownPath.relative(root + "/traces.jsonl"),
            "db " + db.url.replacingOccurrences(of: PostgresServer.password, with: "***"),
        ]
        let (a, b) = (
            try Self.withoutSources(root + "/file-site", inputs: inputs),
            try Self.withoutSources(root + "/db-site", inputs: inputs)
        )
        #expect(a.keys.sorted() == b.keys.sorted())
        for key in a.keys.sorted() where a[key] != b[key] {
            Issue.record("\(key) differs between the file and the database site")
        }
        let page = try #require(FileManager.default.contents(atPath: root + "/db-site/traces/r3.md"))
        #expect(String(decoding: page, as: UTF8.self).contains("**Source:** db:r3"))
        let summary = String(
            decoding: try #require(FileManager.default.contents(atPath: root + "/db-site/summary.json")), as: UTF8.self)
        #expect(summary.contains(#""source":"db:r0""#))
    }

    @Test(
        "--since, --until, --feature, --status, --trace-id and --limit select rows, always in created_at, trace_id order"
    )
    func selection() throws {
        let root = TemporaryFolder.path
        let db = try Database(lines: DatabaseTraces.lines(10))
        // Two rows at the same time: the id decides.
        try db.psql("UPDATE tb_execution_trace SET created_at = '2026-11-20T10:05:30Z' WHERE trace_id IN ('r6', 'r4')")
        func ids(_ options: [String]) throws -> [String] {
            let site = root + "/site-\(UUID().uuidString)"
            let result = try runTraceReport(["build", db.url, "--output", site] + options)
            #expect(result.status == 0, "\(result.stderr)")
            return try Self.summaryIDs(site)
        }
        #expect(try ids([]) == ["r0", "r1", "r2", "r3", "r5", "r4", "r6", "r7", "r8", "r9"])
        #expect(try ids(["--since", "2026-11-20T10:07:00Z"]) == ["r7", "r8", "r9"])
        #expect(try ids(["--until", "2026-11-20T10:02:00Z"]) == ["r0", "r1"])
        #expect(try ids(["--since", "2026-11-20", "--until", "2026-11-20T10:01:00+00:00"]) == ["r0"])
        #expect(try ids(["--feature", "inspector-replay"]) == ["r2", "r5", "r8"])
        #expect(try ids(["--status", "error", "--feature", "inspector-replay"]) == ["r2", "r5", "r8"])
        #expect(try ids(["--status", "success", "--limit", "3"]) == ["r0", "r1", "r3"])
        #expect(try ids(["--trace-id", "r9", "--trace-id", "r1"]) == ["r1", "r9"])
        let check = try runTraceReport(["check", db.url, "--trace-id", "r2"])
        #expect(
            check.status == 0 && check.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("db:r2: r2: ") }
                && !check.stdout.isEmpty)
        let render = try runTraceReport(["render", db.url, "--trace-id", "r4"])
        #expect(render.status == 0 && render.stdout.contains("**Source:** db:r4"), "\(render.stderr)")
        let notATime = try runTraceReport(["build", db.url, "--since", "yesterday"])
        #expect(
            notATime.status == 2
                && notATime.stderr.hasPrefix("tracereport: error: --since yesterday: not an ISO 8601 time"))
        let noDatabase = try runTraceReport(["check", TestPaths.fixture("older-shape.json"), "--limit", "2"])
        #expect(
            noDatabase.status == 2
                && noDatabase.stderr.hasPrefix(
                    "tracereport: error: --limit select database rows: pass a postgresql:// URL or db as an input")
        )
    }

    @Test("`build db --since … --baseline db` shows every re-run against the original it names as parent")
    func baselineByParents() throws {
        let root = TemporaryFolder.path
        let originals = DatabaseTraces.lines(4)
        let reruns = DatabaseTraces.lines(3, prefix: "rerun-", start: 100, parents: ["r0", "r2", "gone"])
        let db = try Database(lines: originals + reruns)
        let env = [DatabaseURL.environmentVariable: db.url]
        let result = try runTraceReport(
            ["build", "db", "--since", "2026-11-20T11:00:00Z", "--baseline", "db", "--output", root + "/site"],
            environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let data = try #require(FileManager.default.contents(atPath: root + "/site/summary.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let traces = try #require(json["traces"] as? [[String: Any]])
        #expect(traces.compactMap { $0["trace_id"] as? String } == ["rerun-100", "rerun-101", "rerun-102"])
        let pairs = traces.map { ($0["baseline"] as? [String: Any])?["trace_id"] as? String }
        #expect(pairs == ["r0", "r2", nil], "the baseline holds the parents of the selected rows, read by trace_id")
        #expect((traces[0]["baseline"] as? [String: Any])?["source"] as? String == "db:r0")
        let unpaired = try #require(json["unpaired"] as? [String: Any])
        #expect((unpaired["current"] as? [[String: Any]])?.compactMap { $0["trace_id"] as? String } == ["rerun-102"])
        #expect(
            (unpaired["baseline"] as? [[String: Any]])?.isEmpty == true,
            "r1 and r3 are nobody's parent, so they are not read")
        let unset = try runTraceReport(["check", "db"], environment: [DatabaseURL.environmentVariable: ""])
        #expect(
            unset.status == 2 && unset.stderr.hasPrefix("tracereport: error: db: TRACEREPORT_DATABASE_URL is not set"))
    }

    @Test("a database before migration 0038: read without its columns, and said once on standard error")
    func olderSchema() throws {
        let root = TemporaryFolder.path
        let db = try Database(.beforeStageColumns, lines: DatabaseTraces.lines(3))
        let result = try runTraceReport(["build", db.url, "--baseline", db.url, "--output", root + "/site"])
        #expect(result.status == 0, "\(result.stderr)")
        let shown = db.url.replacingOccurrences(of: PostgresServer.password, with: "***")
        #expect(
            result.stderr
                == "note: \(shown): tb_execution_trace has no column route (0038), stage_inputs (0038), stage_outputs (0038), replan_events (0038): read as absent (the inspector's later migrations add them)\n"
                + db.noGoldenNote
        )
        #expect(try Self.summaryIDs(root + "/site") == ["r0", "r1", "r2"])
        let check = try runTraceReport(["check", db.url])
        #expect(
            check.status == 3 && check.stdout.contains("db:r0: r0: -: error stage-assets-missing"),
            "no stage inputs without the 0038 columns")
    }

    @Test("a row whose trace_id is NULL is an input error naming its position and time (exit 1); the others are built")
    func nullTraceID() throws {
        let root = TemporaryFolder.path
        let db = try Database(lines: DatabaseTraces.lines(3))
        // The inspector's table keys trace_id; a copy without the key (a view, an export) can hold a NULL.
        try db.psql(
            "ALTER TABLE tb_execution_trace DROP CONSTRAINT tb_execution_trace_pkey",
            "ALTER TABLE tb_execution_trace ALTER COLUMN trace_id DROP NOT NULL",
            "UPDATE tb_execution_trace SET trace_id = NULL WHERE trace_id = 'r1'")
        for binary in TestPaths.contractBinaries {
            let result = try runTraceReport(["build", db.url, "--output", root + "/site"], binary: binary)
            #expect(result.status == 1, "\(result.stderr)")
            let errors = result.stderr.replacingOccurrences(of: db.noGoldenNote, with: "")
            #expect(
                errors.hasPrefix("db:row 2: trace_id is NULL (created_at ")
                    && errors.hasSuffix("): every trace needs a trace_id; the row is left out\n"), "\(errors)")
            #expect(try Self.summaryIDs(root + "/site") == ["r0", "r2"])
        }
    }

    @Test(
        "a JSONB value of the wrong shape is a warning on that row; a row too deep to read is an input error; the others are built"
    )
    func badRows() throws {
        let root = TemporaryFolder.path
        let db = try Database(lines: DatabaseTraces.lines(3))
        try db.psql(#"UPDATE tb_execution_trace SET request_payload = '"overrides go here"' WHERE trace_id = 'r1'"#)
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        try db.psql("UPDATE tb_execution_trace SET replan_events = '\(deep)' WHERE trace_id = 'r2'")
        let result = try runTraceReport(["build", db.url, "--output", root + "/site"])
        #expect(result.status == 1)
        let errors = result.stderr.replacingOccurrences(of: db.noGoldenNote, with: "")
        #expect(
            errors.hasPrefix("db:r2: not valid JSON at line 1, column ")
                && errors.hasSuffix(": nested more than 512 levels deep\n"))
        #expect(errors.split(separator: "\n").count == 1 && result.stderr.hasPrefix(db.noGoldenNote))
        #expect(try Self.summaryIDs(root + "/site") == ["r0", "r1"])
        let check = try runTraceReport(["check", db.url, "--trace-id", "r1"])
        #expect(
            check.stdout.contains(
                "db:r1: r1: -: warning field-wrong-type: $.request_payload: expected an object, found a string: ignored"
            ))
    }

    @Test("what a user can get wrong, one line each with the password hidden; the previous site stays as it was")
    func errors() throws {
        let root = TemporaryFolder.path
        let db = try Database(lines: DatabaseTraces.lines(2))
        let first = try runTraceReport(["build", db.url, "--output", root + "/site"])
        #expect(first.status == 0)
        let before = PublishSafetyTests.tree(root + "/site")
        let password = PostgresServer.password
        let base = try #require(URLComponents(string: db.url))
        let hidden = { (url: String) in url.replacingOccurrences(of: password, with: "***") }

        func expectFailure(_ url: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = try runTraceReport(["build", url, "--output", root + "/site"])
            #expect(result.status == 1, sourceLocation: sourceLocation)
            #expect(result.stderr == "tracereport: error: load: \(message)\n", sourceLocation: sourceLocation)
            #expect(
                !result.stderr.contains(password) && !result.stdout.contains(password), sourceLocation: sourceLocation)
            #expect(
                PublishSafetyTests.tree(root + "/site") == before, "nothing is swapped in",
                sourceLocation: sourceLocation)
            let check = try runTraceReport(["check", url])
            #expect(check.status == 1 && check.stderr.hasPrefix(message + "\n"), sourceLocation: sourceLocation)
        }
        let shown = "postgresql://tracereport:***@127.0.0.1:\(base.port!)"
        var wrong = base
        wrong.password = "not-the-password"
        try expectFailure(
            try #require(wrong.string),
            "\(shown)/\(db.name)?sslmode=disable: authentication failed for user tracereport: check the user and password in the URL (or in TRACEREPORT_DATABASE_URL)"
        )
        let closedPort = try Self.freePort()
        var stopped = base
        stopped.port = closedPort
        try expectFailure(
            try #require(stopped.string),
            "postgresql://tracereport:***@127.0.0.1:\(closedPort)/\(db.name)?sslmode=disable: cannot connect to 127.0.0.1:\(closedPort): connection refused: check the host and port, and that the server is running"
        )
        try expectFailure(
            try PostgresServer.url(database: "no_such_db"),
            "\(shown)/no_such_db?sslmode=disable: database no_such_db does not exist on 127.0.0.1:\(base.port!): check the database name in the URL"
        )
        let empty = try Database()
        try empty.psql("DROP TABLE tb_execution_trace")
        try expectFailure(
            empty.url,
            "\(hidden(empty.url)): table tb_execution_trace does not exist in database \(empty.name): point the URL at the inspector's database (its migration 0027 creates the table)"
        )
        let role = "reader_\(db.name)"
        try PostgresServer.psql(["CREATE ROLE \(role) LOGIN PASSWORD 'secret-\(role)'"])
        defer {
            _ = try? PostgresServer.psql(["DROP OWNED BY \(role)", "DROP ROLE IF EXISTS \(role)"], database: db.name)
        }
        try expectFailure(
            try PostgresServer.url(database: db.name, user: role, password: "secret-\(role)"),
            "postgresql://\(role):***@127.0.0.1:\(base.port!)/\(db.name)?sslmode=disable: permission denied for table tb_execution_trace: grant SELECT on it to \(role) (permission denied for table tb_execution_trace)"
        )
        let badURL = try runTraceReport(["build", "postgresql://someone:hunter2@/nodb"])
        #expect(
            badURL.status == 2
                && badURL.stderr.hasPrefix("tracereport: error: postgresql://someone:***@/nodb: the URL names no host")
                && !badURL.stderr.contains("hunter2"))
        for file in PublishSafetyTests.tree(root + "/site").values {
            #expect(!String(decoding: file, as: UTF8.self).contains(password), "no page or summary holds the password")
        }
    }

    @Test("a connection lost mid-stream fails the build with exit 1 and leaves the previous site untouched")
    func connectionLost() throws {
        let root = TemporaryFolder.path
        let db = try Database(lines: DatabaseTraces.lines(2))
        #expect(try runTraceReport(["build", db.url, "--output", root + "/site"]).status == 0)
        let before = PublishSafetyTests.tree(root + "/site")
        // Enough rows that the build is still fetching when its connection is ended.
        try db.psql(
            "INSERT INTO tb_execution_trace (trace_id, feature, endpoint, method, ops_mode, question, duration_ms, applied_assets, stage_inputs, created_at) SELECT 'bulk-' || i, 'f', '/', 'POST', 'live', 'q ' || i, i, '{\"prompt\": {\"name\": \"p\", \"version\": 1}}', '[{\"stage\": \"compose\", \"applied_assets\": {\"prompt\": \"p (v1)\"}}]', '2026-12-01'::timestamptz + i * interval '1 second' FROM generate_series(1, 40000) AS i"
        )
        let stderrPath = root + "/stderr"
        let child = try ChildProcess(
            TestPaths.binary, ["build", db.url, "--output", root + "/site", "--jobs", "1"], stderr: stderrPath)
        var terminated = false
        for _ in 0..<300 where !terminated {
            Thread.sleep(forTimeInterval: 0.05)
            let ended = try PostgresServer.psql(
                [
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'tracereport' AND datname = '\(db.name)' AND query LIKE 'FETCH%'"
                ])
            terminated = ended.trimmingCharacters(in: .whitespacesAndNewlines) != "0"
        }
        let ended = try child.wait(timeout: 120)
        #expect(terminated, "the build's connection was found and ended")
        #expect(ended == .exited(1))
        let stderr = String(decoding: FileManager.default.contents(atPath: stderrPath) ?? Data(), as: UTF8.self)
        #expect(
            stderr.hasPrefix(
                "tracereport: error: load: \(db.url.replacingOccurrences(of: PostgresServer.password, with: "***")): connection lost after "
            ), "\(stderr)")
        #expect(stderr.contains("nothing was published"))
        #expect(PublishSafetyTests.tree(root + "/site") == before)
    }

    @Test(
        "incremental builds from the database: unchanged rows are reused, a changed row is rendered again, and the site equals a full build"
    )
    func incremental() throws {
        let root = TemporaryFolder.path
        let db = try Database(lines: DatabaseTraces.lines(6))
        #expect(try runTraceReport(["build", db.url, "--output", root + "/site"]).status == 0)
        let again = try runTraceReport(["build", db.url, "--output", root + "/site"])
        #expect(again.stdout.contains("6 traces were unchanged since the last build"))
        try db.psql("UPDATE tb_execution_trace SET question = 'changed' WHERE trace_id = 'r2'")
        // The full build is given the history the incremental one starts from.
        try PublishSafetyTests.keepHistory(of: root + "/site", in: root + "/seed")
        let changed = try runTraceReport(["build", db.url, "--output", root + "/site"])
        #expect(changed.stdout.contains("5 traces were unchanged since the last build"))
        #expect(
            try runTraceReport(["build", db.url, "--output", root + "/full", "--history-from", root + "/seed"]).status
                == 0)
        #expect(PublishSafetyTests.tree(root + "/site") == PublishSafetyTests.tree(root + "/full"))
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

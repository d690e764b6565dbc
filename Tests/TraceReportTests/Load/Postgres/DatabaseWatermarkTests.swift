import Foundation
import Testing

@testable import TraceReport

/// A table that only grows is read from the last build's watermark on; anything that touches older rows
/// makes the build read every row again. Either way the site is the one a fresh full build makes.
@Suite(
    "Database watermark: only newer rows are read, and the site equals a fresh build's", .temporaryFolder,
    .enabled(if: PostgresServer.available))
struct DatabaseWatermarkTests {
    /// Builds `db` into the site incrementally, then into a fresh folder from the same history, and
    /// checks the two sites are byte-identical; returns the incremental build's output.
    static func buildBoth(_ db: DatabaseInputTests.Database, _ root: String, _ extra: [String] = []) throws
        -> CommandResult
    {
        try PublishSafetyTests.keepHistory(of: root + "/site", in: root + "/seed")
        let incremental = try runTraceReport(["build", db.url, "--output", root + "/site"] + extra)
        #expect(incremental.status == 0, "\(incremental.stderr)")
        try? FileManager.default.removeItem(atPath: root + "/fresh")
        let fresh = try runTraceReport([
            "build", db.url, "--output", root + "/fresh", "--history-from", root + "/seed", "--full",
        ])
        #expect(fresh.status == 0 && !fresh.stdout.contains("not read again"), "\(fresh.stderr)")
        let (a, b) = (PublishSafetyTests.tree(root + "/site"), PublishSafetyTests.tree(root + "/fresh"))
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [], "files that differ from a fresh build")
        return incremental
    }

    @Test(
        "new rows, a late commit inside the window, an updated row, a row committed late past the window, a deleted row, --full"
    )
    func growingTable() throws {
        let root = TemporaryFolder.path
        // r0…r39, a minute apart from 10:00: the newest is 10:39, so the cutoff is 10:24 and 24 rows stand before it.
        let db = try DatabaseInputTests.Database(lines: DatabaseTraces.lines(40))
        let first = try runTraceReport(["build", db.url, "--output", root + "/site"])
        #expect(first.status == 0 && !first.stdout.contains("not read again"), "\(first.stderr)")
        let manifest = String(
            decoding: try #require(FileManager.default.contents(atPath: root + "/site/" + BuildManifest.fileName)),
            as: UTF8.self)
        #expect(manifest.contains(#""count":24"#) && manifest.contains(#""cutoff":"2026-11-20 10:24:00+00""#))

        // Five new rows: the 24 older rows are taken from the last build, the rest read.
        try PostgresServer.insert(DatabaseTraces.lines(5, start: 40), into: db.name)
        var result = try Self.buildBoth(db, root)
        #expect(result.stdout.contains("24 rows older than the last build's watermark were not read again"))
        #expect(result.stdout.contains("45 traces"))

        // A row committed late, inside the window (its created_at after the cutoff, 10:29): still read.
        var late = DatabaseTraces.lines(1, prefix: "late", start: 35)
        try PostgresServer.insert(late, into: db.name)
        result = try Self.buildBoth(db, root)
        #expect(result.stdout.contains("29 rows older than the last build's watermark were not read again"))

        // An older row updated: every row is read again, and the build says why.
        try db.psql("UPDATE tb_execution_trace SET question = 'edited' WHERE trace_id = 'r3'")
        result = try Self.buildBoth(db, root)
        #expect(!result.stdout.contains("not read again"))
        #expect(
            result.stderr.contains("changed since the last build") && result.stderr.contains("every row is read again"))
        let page = try #require(FileManager.default.contents(atPath: root + "/site/traces/r3.md"))
        #expect(String(decoding: page, as: UTF8.self).contains("**Question:** edited"))

        // A row committed long after its created_at, before the cutoff: the count changes, every row is read.
        late = DatabaseTraces.lines(1, prefix: "very-late", start: 1)
        try PostgresServer.insert(late, into: db.name)
        result = try Self.buildBoth(db, root)
        #expect(!result.stdout.contains("not read again"))
        #expect(FileManager.default.fileExists(atPath: root + "/site/traces/very-late1.md"))

        // A deleted row: the same.
        try db.psql("DELETE FROM tb_execution_trace WHERE trace_id = 'r5'")
        result = try Self.buildBoth(db, root)
        #expect(!result.stdout.contains("not read again"))
        #expect(!FileManager.default.fileExists(atPath: root + "/site/traces/r5.md"))

        // Nothing changed: resumed; with --full, every row is read.
        result = try Self.buildBoth(db, root)
        #expect(result.stdout.contains("rows older than the last build's watermark were not read again"))
        result = try Self.buildBoth(db, root, ["--full"])
        #expect(!result.stdout.contains("not read again"))
    }

    @Test("a watermark whose checksum was made another way is not checked, only not resumed; the next one is")
    func otherChecksum() throws {
        let root = TemporaryFolder.path
        let db = try DatabaseInputTests.Database(lines: DatabaseTraces.lines(30))
        let first = try runTraceReport(["build", db.url, "--output", root + "/site"])
        #expect(first.status == 0, "\(first.stderr)")
        // The watermark as a build of the md5 checksum left it: its selection names no formula.
        let path = root + "/site/" + BuildManifest.fileName
        let manifest = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
        let scheme = TraceTableReader.checksumScheme
        #expect(manifest.contains(scheme))
        try Data(manifest.replacingOccurrences(of: "\\u0001" + scheme, with: "").utf8).write(
            to: URL(fileURLWithPath: path))
        try PostgresServer.insert(DatabaseTraces.lines(3, start: 30), into: db.name)
        var result = try Self.buildBoth(db, root)
        #expect(!result.stdout.contains("not read again"))
        #expect(!result.stderr.contains("changed since the last build"), "\(result.stderr)")
        try PostgresServer.insert(DatabaseTraces.lines(2, start: 33), into: db.name)
        result = try Self.buildBoth(db, root)
        #expect(result.stdout.contains("rows older than the last build's watermark were not read again"))
    }

    @Test(
        "a read begun ahead (startRead) reads what a read begun at once reads, whatever cutoff it counted before, and is taken once"
    )
    func begunAhead() throws {
        let db = try DatabaseInputTests.Database(lines: DatabaseTraces.lines(40))
        let source = DatabaseSource(query: DatabaseQuery(url: try DatabaseURL(db.url)))
        func read(_ watermark: TableWatermark?, started: TableReadStart?) throws -> (
            units: [String], resumed: Bool, next: TableWatermark?
        ) {
            var units: [String] = []
            var resumed = false
            let next = try source.units(
                TraceLoader(), resuming: watermark, started: started, resumed: { _ in resumed = true }
            ) {
                if case .line(let name, _) = $0 { units.append(name) }
            }
            return (units, resumed, next)
        }
        let first = try read(nil, started: nil)
        let watermark = try #require(first.next)
        #expect(first.units.count == 40 && watermark.count == 24)
        try PostgresServer.insert(DatabaseTraces.lines(3, start: 40), into: db.name)
        let atOnce = try read(watermark, started: nil)
        #expect(atOnce.resumed && atOnce.units.count == 40 + 3 - 24)
        // Counted before the cutoff this read checks, before another (an older build's), before none.
        var older = watermark
        older.cutoff = "2026-11-20 10:10:00+00"
        for counted in [watermark, older, nil] {
            let start = source.startRead(checking: counted)
            let ahead = try read(watermark, started: start)
            #expect(
                ahead.units == atOnce.units && ahead.resumed && ahead.next == atOnce.next,
                "\(String(describing: counted))")
            start.close()  // taken already: nothing happens
            // Taken already: a second read opens its own session and counts in its own snapshot.
            let again = try read(watermark, started: start)
            #expect(again.units == atOnce.units && again.resumed && again.next == atOnce.next)
        }
        // A start nobody takes ends its transaction and connection, closed or let go; a database that cannot be
        // reached fails when the read takes it.
        let sessions = {
            try PostgresServer.psql([
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(db.name)' AND application_name = 'tracereport'"
            ]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        source.startRead(checking: watermark).close()
        #expect(try sessions() == "0")
        do {
            let unused = source.startRead(checking: watermark)
            #expect(try sessions() == "1")
            _ = unused
        }
        #expect(try sessions() == "0")
        let unreachable = DatabaseSource(
            query: DatabaseQuery(url: try DatabaseURL("postgresql://nobody@127.0.0.1:1/none?sslmode=disable")))
        let failed = unreachable.startRead(checking: nil)
        #expect(throws: DatabaseError.self) {
            _ = try unreachable.units(TraceLoader(), resuming: nil, started: failed, resumed: { _ in }) { _ in }
        }
    }

    @Test("a selection with --limit never resumes: its first rows change as rows are added")
    func notResumed() throws {
        let root = TemporaryFolder.path
        let db = try DatabaseInputTests.Database(lines: DatabaseTraces.lines(30))
        for _ in 0..<2 {
            let limited = try runTraceReport(["build", db.url, "--limit", "25", "--output", root + "/limited"])
            #expect(limited.status == 0 && !limited.stdout.contains("not read again"), "\(limited.stderr)")
        }
        let manifest = String(
            decoding: try #require(FileManager.default.contents(atPath: root + "/limited/" + BuildManifest.fileName)),
            as: UTF8.self)
        #expect(!manifest.contains("watermark"))
    }
}

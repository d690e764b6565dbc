import Foundation
import Testing

@testable import TraceReport

/// The golden tables in PostgreSQL beside `tb_execution_trace`: read like their JSON-lines exports,
/// and absent without an error.
@Suite("Golden queries from PostgreSQL", .temporaryFolder, .enabled(if: PostgresServer.available))
struct GoldenDatabaseTests {
    static func lines(_ file: String) throws -> [String] {
        let path = GoldenQueryTests.folder + "/" + file
        let text = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
        return text.split(separator: "\n").map(String.init)
    }

    /// The fixture's traces and golden tables in a database of their own.
    static func database() throws -> DatabaseInputTests.Database {
        let db = try DatabaseInputTests.Database(lines: try lines("traces.jsonl"))
        try PostgresServer.psql(["\\i " + TestPaths.fixture("db/golden_tables.sql")], database: db.name)
        for table in GoldenTablesReader.Table.allCases {
            try PostgresServer.psql(
                [
                    "CREATE TEMP TABLE staging (doc jsonb)",
                    "COPY staging (doc) FROM STDIN WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')",
                    "INSERT INTO \(table.rawValue) SELECT r.* FROM staging, jsonb_populate_record(NULL::\(table.rawValue), staging.doc) AS r",
                ], database: db.name, input: try lines(table.fileName).joined(separator: "\n") + "\n")
        }
        return db
    }

    @Test("check db gives the golden findings the exports give, line for line")
    func sameAsExports() throws {
        let db = try Self.database()
        let fromDatabase = try runTraceReport(["check", db.url])
        let fromFiles = try runTraceReport(["check", GoldenQueryTests.folder])
        #expect(fromDatabase.status == 3 && fromFiles.status == 3)
        let golden = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("golden:") } }
        #expect(golden(fromDatabase.stdout).count == 14)
        #expect(golden(fromDatabase.stdout) == golden(fromFiles.stdout), "\(fromDatabase.stdout)")
    }

    @Test("build db writes the golden pages; a database without the tables gets a note and no golden section")
    func pagesAndAbsence() throws {
        let root = TemporaryFolder.path
        let db = try Self.database()
        let result = try runTraceReport(["build", db.url, "--output", root + "/site"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: root + "/site/golden/gq-republish.html"))
        let files = try runTraceReport(["build", GoldenQueryTests.folder, "--output", root + "/files"])
        #expect(files.status == 0, "\(files.stderr)")
        let golden = { (site: String) throws -> String in
            let data = try #require(FileManager.default.contents(atPath: site + "/summary.json"))
            let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let queries = try #require(summary["golden_queries"])
            return String(
                decoding: try JSONSerialization.data(withJSONObject: queries, options: .sortedKeys), as: UTF8.self)
        }
        #expect(
            try golden(root + "/site") == golden(root + "/files"), "the tables in the database read as their exports")
        let bare = try DatabaseInputTests.Database(lines: try Self.lines("traces.jsonl"))
        let plain = try runTraceReport(["build", bare.url, "--output", root + "/plain"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("no golden-query tables"), "\(plain.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root + "/plain/golden"))
        let summary = String(
            decoding: try #require(FileManager.default.contents(atPath: root + "/plain/summary.json")), as: UTF8.self)
        #expect(!summary.contains("golden_queries"))
    }

    @Test("--registry db: the published rows and their history are the snapshot; trace pages name asset ids")
    func registryFromDatabase() throws {
        let root = TemporaryFolder.path
        let db = try Self.database()
        // The compose prompt republished in place: the same id at version 3, after 1 and 2.
        let prompt = "6f1c2a4e-0002-4a6b-9d1e-3c5b7a9e0002"
        try db.psql(
            "INSERT INTO tb_asset_registry VALUES ('\(prompt)', 'prompt', 'ci_compose_prompt', 3, 'published'), ('6f1c2a4e-0003-4a6b-9d1e-3c5b7a9e0003', 'policy', 'ci_view_policy', 3, 'published'), ('6f1c2a4e-00ff-4a6b-9d1e-3c5b7a9e00ff', 'prompt', 'ci_compose_prompt', 4, 'draft')",
            "INSERT INTO tb_asset_version_history VALUES ('\(prompt)', 1, now(), NULL), ('\(prompt)', 2, now(), NULL), ('\(prompt)', 3, now(), NULL)"
        )
        let check = try runTraceReport(["check", db.url, "--registry", db.url, "--fail-on", "asset-stale"])
        #expect(check.status == 3, "\(check.stderr)")
        let stale = check.stdout.split(separator: "\n").filter { $0.contains("asset-stale") }
        #expect(stale.count == 1 && stale[0].contains("ci_compose_prompt"), "\(check.stdout)")
        let build = try runTraceReport(["build", db.url, "--registry", db.url, "--output", root + "/site"])
        #expect(build.status == 0, "\(build.stderr)")
        let page = SiteChecker(root: URL(fileURLWithPath: root + "/site")).text("traces/b-clean.md")
        #expect(page.contains("\(prompt) (prompt ci_compose_prompt v3)"), "\(page)")
        let missing = try runTraceReport([
            "check", GoldenQueryTests.folder, "--registry", try PostgresServer.url(database: "postgres"),
        ])
        #expect(missing.status == 1 && missing.stderr.contains("tb_asset_registry does not exist"), "\(missing.stderr)")
    }
}

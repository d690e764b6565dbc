import Foundation
import Testing

@testable import TraceReport

/// The throwaway PostgreSQL server `.ci/with-postgres` starts for `make test`
/// (a real server on 127.0.0.1, never a mock). Each test gets a database of its own,
/// with the inspector's table created by its migrations and rows loaded with `psql`.
enum PostgresServer {
    /// The superuser URL (`…/postgres`), when a server was started for this run.
    static let url = ProcessInfo.processInfo.environment["TRACEREPORT_TEST_DATABASE_URL"]
    static let bin = ProcessInfo.processInfo.environment["TRACEREPORT_TEST_PG_BIN"] ?? "/usr/bin"

    /// Whether the database tests run: with a server, or (to fail loudly) in CI without one.
    static var available: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    /// The server's URL for another database (and, optionally, another user and password).
    static func url(database: String, user: String? = nil, password: String? = nil) throws -> String {
        guard let url else { throw ServerError.notStarted }
        var components = try #require(URLComponents(string: url))
        components.path = "/" + database
        if let user { components.user = user }
        if let password { components.password = password }
        return try #require(components.string)
    }

    /// The superuser's password, to check that no output ever shows it.
    static var password: String { URLComponents(string: url ?? "")?.password ?? "-" }

    enum ServerError: Error, CustomStringConvertible {
        case notStarted
        case psql(String)
        var description: String {
            switch self {
            case .notStarted:
                "no PostgreSQL server for the tests: run them with `make test` (it starts one through .ci/with-postgres)"
            case .psql(let message): message
            }
        }
    }

    /// Runs `psql` against `database` with stdin from `input`, stopping at the first error.
    @discardableResult
    static func psql(_ commands: [String], database: String = "postgres", input: String? = nil) throws -> String {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data((input ?? "").utf8).write(to: URL(fileURLWithPath: folder + "/in"))
        let arguments =
            [try url(database: database), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
            + commands.flatMap { ["-c", $0] }
        let child = try ChildProcess(
            bin + "/psql", arguments, stdin: folder + "/in", stdout: folder + "/out", stderr: folder + "/err")
        let ended = try child.wait(timeout: 300)
        let read = { (name: String) in
            String(decoding: FileManager.default.contents(atPath: folder + "/" + name) ?? Data(), as: UTF8.self)
        }
        guard ended == .exited(0) else { throw ServerError.psql("psql \(ended): \(read("err"))") }
        return read("out")
    }

    /// The schemas the inspector's databases are seen with.
    enum Schema {
        /// Migrations 0027, 0028 and 0038: route, stage_inputs, stage_outputs, replan_events.
        case current
        /// Before migration 0038.
        case beforeStageColumns
    }

    /// A new database holding the inspector's table; the name to pass to `url(database:)`.
    static func makeDatabase(_ schema: Schema = .current) throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try psql(["CREATE DATABASE \(name)"])
        var migrations = ["0027_execution_trace.sql", "0028_flow_spans.sql"]
        if schema == .current { migrations.append("0038_stage_io.sql") }
        for migration in migrations {
            try psql(["\\i " + TestPaths.fixture("db/" + migration)], database: name)
        }
        return name
    }

    static func dropDatabase(_ name: String) {
        _ = try? psql(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }

    /// Loads trace JSON lines into the table, each key into its column (unknown keys are dropped, as a missing column would drop them).
    static func insert(_ lines: [String], into database: String) throws {
        try psql(
            [
                "CREATE TEMP TABLE staging (doc jsonb)",
                // CSV with quote and delimiter bytes JSON never holds: every line arrives as it is, backslashes included.
                "COPY staging (doc) FROM STDIN WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')",
                "INSERT INTO tb_execution_trace SELECT r.* FROM staging, jsonb_populate_record(NULL::tb_execution_trace, staging.doc) AS r",
            ], database: database, input: lines.joined(separator: "\n") + "\n")
    }
}

/// Traces with every column the inspector fills, in `created_at` order.
enum DatabaseTraces {
    static let features = ["ops-assistant", "ops-assistant", "inspector-replay"]
    static let statuses = ["success", "success", "error"]

    /// `count` traces `r0…`, a minute apart from 2026-11-20T10:00 UTC; with `parents`, trace i re-runs `parents[i]`.
    static func lines(_ count: Int, prefix: String = "r", start: Int = 0, parents: [String?] = []) -> [String] {
        (0..<count).map { n in
            let i = start + n
            let minutes = i
            let createdAt = String(format: "2026-11-20T%02d:%02d:00+00:00", 10 + minutes / 60, minutes % 60)
            let parent = n < parents.count ? parents[n] : nil
            let trace: JSONValue = .object([
                "trace_id": .string("\(prefix)\(i)"),
                "parent_trace_id": parent.map(JSONValue.string) ?? .null,
                "feature": .string(features[i % 3]), "endpoint": .string("/api/ask"), "method": .string("POST"),
                "ops_mode": .string("live"),
                "question": .string(i % 2 == 0 ? "Show CPU usage of api-gateway #\(i)" : "결제 클러스터 상태 #\(i)"),
                "status": .string(statuses[i % 3]), "duration_ms": .int(100 + i),
                "route": .string(i % 4 == 0 ? "direct" : "plan"),
                "created_at": .string(createdAt),
                "request_payload": .object([
                    "asset_overrides": .object(
                        i % 5 == 0 ? ["prompt:ci_compose_prompt": .string("ci_compose_prompt (v3-canary)")] : [:])
                ]),
                "applied_assets": .object([
                    "prompt": .object([
                        "name": .string("ci_compose_prompt"), "version": .int(2), "source": .string("asset_registry"),
                    ]),
                    "mapping": .object([
                        "name": .string("metric_alias"), "version": .null, "source": .string("builtin_fallback"),
                    ]),
                    "queries": .array([
                        .object([
                            "name": .string("cpu_usage"), "version": .int(1 + i % 2),
                            "source": .string("asset_registry"),
                        ])
                    ]),
                ]),
                "fallbacks": .object(["mapping": .bool(true)]),
                "asset_versions": .array([.string("ci_compose_prompt:2")]),
                "stage_inputs": .array([
                    .object([
                        "stage": .string("route_plan"),
                        "applied_assets": .object([
                            "prompt": .string(i % 5 == 0 ? "ci_compose_prompt (v3-canary)" : "ci_compose_prompt (v2)")
                        ]),
                    ]),
                    .object([
                        "stage": .string("execute"),
                        "applied_assets": .object([
                            "mapping": .string("metric_alias (fallback)"),
                            "query:cpu_usage": .string("cpu_usage (v\(1 + i % 2))"),
                        ]), "params": .object(["i": .int(i)]),
                    ]),
                ]),
                "stage_outputs": .array([
                    .object([
                        "stage": .string("route_plan"), "diagnostics": .object(["status": .string("ok")]),
                        "duration_ms": .int(10),
                    ]),
                    .object([
                        "stage": .string("execute"),
                        "diagnostics": .object([
                            "status": .string(i % 3 == 2 ? "error" : "ok"),
                            "warnings": .array([.string("mapping from fallback")]),
                        ]), "duration_ms": .double(12.5),
                    ]),
                ]),
                "replan_events": .array([]),
            ])
            return trace.compactJSON
        }
    }
}

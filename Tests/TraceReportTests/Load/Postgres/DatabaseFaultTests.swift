import Foundation
import Testing

@testable import TraceReport

/// Database faults as a user meets them, created for real on the throwaway server (which speaks TLS
/// with a certificate from a test CA, refuses `tracereport_tls` without TLS and lets
/// `tracereport_cert` in only with a client certificate; see `.ci/with-postgres`), in the debug and
/// the release binary: each is one line naming the URL (password masked) and what to do, exit 1.
@Suite("Database faults: TLS, statement timeouts, servers that never answer", .serialized, .temporaryFolder)
struct DatabaseFaultTests {
    static let tls = ProcessInfo.processInfo.environment["TRACEREPORT_TEST_PG_TLS"] ?? "/nonexistent"

    /// `build URL`, into an output that is never published (a database that cannot be read publishes nothing).
    static func build(_ url: String, _ extra: [String] = [], binary: String) throws -> CommandResult {
        try runTraceReport(["build", url, "--output", TemporaryFolder.path + "/site"] + extra, binary: binary)
    }

    /// The server's URL for `database` as `user`, with `query` after `?`.
    static func url(_ database: String, user: String, password: String? = nil, _ query: String) throws -> String {
        let base = try #require(URLComponents(string: try PostgresServer.url(database: database)))
        let credentials = password.map { "\(user):\($0)" } ?? user
        return "postgresql://\(credentials)@127.0.0.1:\(base.port!)/\(database)?\(query)"
    }

    @Test(
        "TLS: a server that requires it, certificates verified against sslrootcert, client certificates",
        .enabled(if: PostgresServer.available))
    func tls() throws {
        let db = try DatabaseInputTests.Database(lines: DatabaseTraces.lines(3))
        try PostgresServer.psql([
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracereport_tls') THEN CREATE ROLE tracereport_tls LOGIN PASSWORD 'tls-secret'; END IF; END $$",
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracereport_cert') THEN CREATE ROLE tracereport_cert LOGIN; END IF; END $$",
        ])
        try db.psql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO tracereport_tls, tracereport_cert")
        let withTLS = { (query: String) in try Self.url(db.name, user: "tracereport_tls", password: "tls-secret", query)
        }
        let withCert = { (query: String) in try Self.url(db.name, user: "tracereport_cert", query) }
        let shown = "tracereport: error: load: postgresql://tracereport_tls:***@127.0.0.1:"
        for binary in TestPaths.contractBinaries {
            let plain = try Self.build(try withTLS("sslmode=disable"), binary: binary)
            ExitContractTests.expect(plain, .init(status: 1, line: shown), password: "tls-secret")
            #expect(
                plain.stderr.hasSuffix(
                    "/\(db.name)?sslmode=disable: the server refused the connection without TLS (its pg_hba.conf allows user tracereport_tls only over TLS): ask for TLS with sslmode=require in the URL (or verify-full with sslrootcert=FILE to check the server too)\n"
                ), "\(plain.stderr)")

            let unverified = try Self.build(try withTLS("sslmode=verify-full"), binary: binary)
            ExitContractTests.expect(unverified, .init(status: 1, line: shown))
            #expect(
                unverified.stderr.contains(
                    "?sslmode=verify-full: the server's certificate at 127.0.0.1:"),
                "\(unverified.stderr)")
            #expect(
                unverified.stderr.contains(
                    "could not be verified against the system's trusted CAs: pass the CA that signed it with sslrootcert=FILE in the URL, or use sslmode=require to encrypt without verifying"
                ), "\(unverified.stderr)")

            let wrongCA = try Self.build(
                try withTLS("sslmode=verify-full&sslrootcert=\(Self.tls)/other-ca.pem"), binary: binary)
            ExitContractTests.expect(wrongCA, .init(status: 1, line: shown))
            #expect(
                wrongCA.stderr.contains(
                    "?sslmode=verify-full&sslrootcert=other-ca.pem: the server's certificate at 127.0.0.1:"),
                "the URL names the file, not where it lives: \(wrongCA.stderr)")
            #expect(
                wrongCA.stderr.contains("could not be verified against the CA in sslrootcert \(Self.tls)/other-ca.pem"))

            let missing = try Self.build(
                try withTLS("sslmode=verify-ca&sslrootcert=\(Self.tls)/none.pem"), binary: binary)
            ExitContractTests.expect(missing, .init(status: 1, line: shown))
            #expect(missing.stderr.contains(": sslrootcert \(Self.tls)/none.pem: no such file, or it cannot be read\n"))

            let verified = try Self.build(
                try withTLS("sslmode=verify-full&sslrootcert=\(Self.tls)/ca.pem"), binary: binary)
            #expect(verified.status == 0 && verified.stdout.contains(": 3 traces"), "\(verified.stderr)")

            let noCertificate = try Self.build(try withCert("sslmode=require"), binary: binary)
            ExitContractTests.expect(
                noCertificate,
                .init(status: 1, line: "tracereport: error: load: postgresql://tracereport_cert@127.0.0.1:"))
            #expect(
                noCertificate.stderr.contains(
                    "?sslmode=require: the server wants a valid client certificate for user tracereport_cert (connection requires a valid client certificate): pass sslcert=FILE&sslkey=FILE in the URL"
                ), "\(noCertificate.stderr)")

            let certified = try Self.build(
                try withCert(
                    "sslmode=verify-full&sslrootcert=\(Self.tls)/ca.pem&sslcert=\(Self.tls)/client.pem&sslkey=\(Self.tls)/client.key"
                ), binary: binary)
            #expect(certified.status == 0 && certified.stdout.contains(": 3 traces"), "\(certified.stderr)")

            let wrongKey = try Self.build(
                try withCert("sslmode=require&sslcert=\(Self.tls)/client.pem&sslkey=\(Self.tls)/server.key"),
                binary: binary)
            ExitContractTests.expect(wrongKey, .init(status: 1, line: "tracereport: error: load: postgresql://"))
            #expect(wrongKey.stderr.contains("is not the private key of sslcert"), "\(wrongKey.stderr)")
        }
    }

    @Test(
        "a listening socket that never answers, and a read the server never answers, end after --db-timeout (exit 1)",
        .enabled(if: PostgresServer.available))
    func neverAnswers() throws {
        // Accepts connections (the kernel completes them) and never says a word.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        #expect(listen(fd, 16) == 0)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))

        let db = try DatabaseInputTests.Database(lines: DatabaseTraces.lines(3))
        // Another session holds the table: the read waits for a lock the server never grants in time.
        let holder = try ChildProcess(
            PostgresServer.bin + "/psql",
            [
                try PostgresServer.url(database: db.name), "-c",
                "BEGIN; LOCK TABLE tb_execution_trace IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60);",
            ])
        defer {
            holder.send(SIGKILL)
            _ = try? holder.wait(timeout: 30)
        }
        usleep(500_000)
        for binary in TestPaths.contractBinaries {
            let start = Date()
            let silent = try Self.build(
                "postgresql://u:secret@127.0.0.1:\(port)/x?sslmode=disable", ["--db-timeout", "1.5"], binary: binary)
            ExitContractTests.expect(
                silent,
                .init(
                    status: 1,
                    line:
                        "tracereport: error: load: postgresql://u:***@127.0.0.1:\(port)/x?sslmode=disable: cannot connect: no answer from 127.0.0.1:\(port) within 1.5 s: check the host and port, and that a PostgreSQL server answers there, or give it longer with --db-timeout"
                ), password: "secret")
            #expect(Date().timeIntervalSince(start) < 20)

            let locked = try Self.build(db.url, ["--db-timeout", "1"], binary: binary)
            ExitContractTests.expect(locked, .init(status: 1, line: "tracereport: error: load: postgresql://"))
            #expect(
                locked.stderr.contains(
                    " within 1 s: check the host and port, and that a PostgreSQL server answers there, or give it longer with --db-timeout"
                ),
                "\(locked.stderr)")
        }
    }
}

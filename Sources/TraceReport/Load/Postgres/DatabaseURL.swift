import Foundation

/// A PostgreSQL connection URL, `postgresql://user[:password]@host[:port]/db[?sslmode=…]`
/// (also `postgres://`), with libpq's TLS parameters `sslmode`, `sslrootcert` (the CA file that
/// verifies the server), `sslcert` and `sslkey` (a client certificate and its key, PEM files).
/// Its `description` never holds the password: every message, page and `summary.json` shows it as `***`.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted, as libpq's `sslmode` names it.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// The CA certificates (PEM) that verify the server's certificate, instead of the system's.
    public var sslRootCert: String?
    /// A client certificate (PEM) and its private key, for servers that ask for one.
    public var sslCert: String?
    public var sslKey: String?
    /// How long connecting, and each answer the server owes, may take before the read gives up (`--db-timeout`).
    public var timeout: Duration = DatabaseURL.defaultTimeout

    /// `timeout` unless the command line says otherwise.
    public static let defaultTimeout: Duration = .seconds(30)
    /// The URL parameters read; any other is an error naming these.
    static let parameters = ["sslmode", "sslrootcert", "sslcert", "sslkey"]

    /// The environment variable the input word `db` stands for.
    public static let environmentVariable = "TRACEREPORT_DATABASE_URL"

    /// True when `text` is meant as a database URL (whether or not it is a valid one).
    public static func looksLikeURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses a URL; the error says what is wrong without repeating the password.
    public init(_ text: String) throws(DatabaseError) {
        guard Self.looksLikeURL(text), let components = URLComponents(string: text) else {
            throw DatabaseError(
                url: Self.redact(text),
                reason: "not a PostgreSQL URL: write postgresql://user[:password]@host[:port]/database")
        }
        let shown = Self.redact(text)
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw DatabaseError(
                url: shown, reason: "the URL names no user: write postgresql://user[:password]@host[:port]/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw DatabaseError(
                url: shown, reason: "the URL names no host: write postgresql://user[:password]@host[:port]/database")
        }
        let database = String(components.percentEncodedPath.dropFirst()).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else {
            throw DatabaseError(
                url: shown, reason: "the URL names no database: write postgresql://user[:password]@host[:port]/database"
            )
        }
        var sslMode = SSLMode.prefer
        var files: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard Self.parameters.contains(item.name) else {
                throw DatabaseError(
                    url: shown,
                    reason:
                        "unknown URL parameter \(item.name): the parameters read are \(Self.parameters.joined(separator: ", "))"
                )
            }
            guard item.name == "sslmode" else {
                guard let path = item.value, !path.isEmpty else {
                    throw DatabaseError(
                        url: shown, reason: "\(item.name) names no file: write \(item.name)=/path/to/file.pem")
                }
                files[item.name] = path
                continue
            }
            guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                throw DatabaseError(
                    url: shown,
                    reason: "sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            sslMode = mode
        }
        if (files["sslcert"] == nil) != (files["sslkey"] == nil) {
            throw DatabaseError(
                url: shown, reason: "sslcert and sslkey go together: pass the client certificate and its private key")
        }
        if sslMode == .disable, let name = Self.parameters.dropFirst().first(where: { files[$0] != nil }) {
            throw DatabaseError(
                url: shown, reason: "\(name) needs TLS, and sslmode=disable turns it off: leave one out")
        }
        sslRootCert = files["sslrootcert"]
        sslCert = files["sslcert"]
        sslKey = files["sslkey"]
        self.user = user
        self.password = components.percentEncodedPassword?.removingPercentEncoding
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        self.database = database
        self.sslMode = sslMode
    }

    /// The URL with the password replaced by `***`.
    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        // The TLS files are named by file name only: messages and pages never show where they live.
        let items =
            (sslMode == .prefer ? [] : ["sslmode=\(sslMode.rawValue)"])
            + [("sslrootcert", sslRootCert), ("sslcert", sslCert), ("sslkey", sslKey)].compactMap { name, path in
                path.map { "\(name)=\(($0 as NSString).lastPathComponent)" }
            }
        let query = items.isEmpty ? "" : "?" + items.joined(separator: "&")
        return "postgresql://\(user)\(password == nil ? "" : ":***")@\(hostPart):\(port)/\(database)\(query)"
    }

    /// Any text that may hold a URL with the password replaced by `***`, for messages about text that did not parse.
    static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else {
            return text
        }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

import Foundation
import NIOSSL
import PostgresNIO

/// The TLS a URL asks for, as libpq reads `sslmode`: `disable` none; `allow` and `prefer` TLS when the
/// server offers it, unverified; `require` TLS, verified against `sslrootcert` when the URL names one
/// (libpq's rule), else unverified; `verify-ca` the certificate's chain; `verify-full` its chain and
/// host name. Chains are checked against `sslrootcert`, or the system's CAs when there is none.
/// The files are read here, before connecting, so a missing or unreadable one is named as such.
enum DatabaseTLS {
    static func configuration(_ url: DatabaseURL) throws(DatabaseError) -> PostgresConnection.Configuration.TLS {
        let verification: CertificateVerification
        switch url.sslMode {
        case .disable: return .disable
        case .allow, .prefer: verification = .none
        case .require: verification = url.sslRootCert == nil ? .none : .noHostnameVerification
        case .verifyCA: verification = .noHostnameVerification
        case .verifyFull: verification = .fullVerification
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verification
        if let root = url.sslRootCert {
            configuration.trustRoots = .certificates(try certificates(root, "sslrootcert", url))
        }
        if let cert = url.sslCert, let key = url.sslKey {
            configuration.certificateChain = try certificates(cert, "sslcert", url).map { .certificate($0) }
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            } catch {
                throw DatabaseError(
                    url: url.description,
                    reason: "sslkey \(key): \(readable(key) ? "not a PEM private key (unencrypted)" : "cannot be read")"
                )
            }
        }
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: configuration) } catch {
            throw DatabaseError(
                url: url.description,
                reason:
                    "sslkey \(url.sslKey ?? "") is not the private key of sslcert \(url.sslCert ?? ""): pass the key the certificate was made with"
            )
        }
        return url.sslMode == .allow || url.sslMode == .prefer ? .prefer(context) : .require(context)
    }

    private static func certificates(_ path: String, _ name: String, _ url: DatabaseURL) throws(DatabaseError)
        -> [NIOSSLCertificate]
    {
        guard readable(path) else {
            throw DatabaseError(url: url.description, reason: "\(name) \(path): no such file, or it cannot be read")
        }
        guard let certificates = try? NIOSSLCertificate.fromPEMFile(path), !certificates.isEmpty else {
            throw DatabaseError(url: url.description, reason: "\(name) \(path): holds no PEM certificate")
        }
        return certificates
    }

    private static func readable(_ path: String) -> Bool { FileManager.default.isReadableFile(atPath: path) }
}

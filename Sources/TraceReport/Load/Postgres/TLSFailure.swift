import NIOSSL
import PostgresNIO

/// TLS failures as one line: what went wrong with the server's certificate (or the handshake) and
/// the URL parameter that fixes it, instead of the TLS library's error dump.
enum TLSFailure {
    /// The reason for `error` when it is a TLS failure, nil otherwise.
    static func reason(_ error: any Error, url: DatabaseURL) -> String? {
        var error = error
        if let psql = error as? PSQLError {
            if psql.code == .sslUnsupported {
                return
                    "the server does not offer TLS, and sslmode=\(url.sslMode.rawValue) requires it: use sslmode=prefer or disable, or turn ssl on in the server"
            }
            guard let underlying = psql.underlying else { return nil }
            error = underlying
        }
        let place = "\(url.host):\(url.port)"
        let against = url.sslRootCert.map { "the CA in sslrootcert \($0)" } ?? "the system's trusted CAs"
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return
                "the server's certificate at \(place) is not for the host \(url.host): connect by a name the certificate lists, or use sslmode=verify-ca to check only who signed it"
        }
        guard let ssl = error as? NIOSSLError else { return nil }
        let detail: String
        if case .handshakeFailed(let boring) = ssl {
            detail = "\(boring)"
        } else {
            detail = "\(ssl)"
        }
        let lowered = detail.lowercased()
        if lowered.contains("certificate_verify_failed") || lowered.contains("certificate verify failed") {
            return
                "the server's certificate at \(place) could not be verified against \(against): pass the CA that signed it with sslrootcert=FILE in the URL, or use sslmode=require to encrypt without verifying"
        }
        if lowered.contains("certificate") {
            return
                "the TLS handshake with \(place) failed on a certificate: check sslrootcert, and sslcert/sslkey if the server asks for a client certificate"
        }
        return "the TLS handshake with \(place) failed: check the server's TLS settings and the URL's sslmode"
    }
}

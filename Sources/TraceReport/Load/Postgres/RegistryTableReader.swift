import Foundation
import NIOCore
import PostgresNIO

/// The asset registry as the database holds it (`--registry db`): `tb_asset_registry` (one row per
/// asset version, at most one published per type and name) and `tb_asset_version_history`, read in
/// one read-only transaction.
public struct RegistryTableReader: Sendable {
    public let url: DatabaseURL

    /// Creates a reader of the registry at `url`.
    public init(url: DatabaseURL) { self.url = url }

    /// The registry snapshot; a database without `tb_asset_registry` is an error saying so.
    public func read() throws(DatabaseError) -> AssetRegistry {
        let session = try ReadOnlySession(url: url)
        defer { session.close() }
        let tables = try session.run(
            "SELECT to_regclass('tb_asset_registry') IS NOT NULL, to_regclass('tb_asset_version_history') IS NOT NULL",
            doing: "cannot look for the registry tables"
        ).rows.first.flatMap { try? $0.decode((Bool, Bool).self) }
        guard let tables, tables.0 else {
            throw DatabaseError(
                url: url.description,
                reason:
                    "table tb_asset_registry does not exist in database \(url.database): point --registry at the application's database, or pass a snapshot file"
            )
        }
        let rows = try session.run(
            "SELECT asset_id::text, asset_type::text, name::text, version::text, coalesce(status::text = 'published', false) FROM tb_asset_registry ORDER BY 1",
            doing: "cannot read tb_asset_registry"
        ).rows.compactMap { row in
            (try? row.decode((String, String, String, String, Bool).self)).map {
                (id: $0.0, kind: $0.1, name: $0.2, version: $0.3, published: $0.4)
            }
        }
        var history: [(id: String, version: String)] = []
        if tables.1 {
            history = try session.run(
                "SELECT asset_id::text, version::text FROM tb_asset_version_history ORDER BY 1, 2",
                doing: "cannot read tb_asset_version_history"
            ).rows.compactMap { row in (try? row.decode((String, String).self)).map { (id: $0.0, version: $0.1) } }
        }
        _ = try session.run("COMMIT", doing: "cannot finish the read")
        return AssetRegistry(rows: rows, history: history)
    }
}

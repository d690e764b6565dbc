/// Where the golden-query pages stand: `golden/index`, and `golden/<query>` named by the query's id
/// with the asset pages' rules (safe characters, a hash when any were replaced).
public enum GoldenPagePath {
    /// The golden queries' index.
    public static let index = "golden/index"

    /// `golden/<id>`, without extension.
    public static func page(for queryID: String) -> String { "golden/" + AssetPagePath.segment(queryID) }
}

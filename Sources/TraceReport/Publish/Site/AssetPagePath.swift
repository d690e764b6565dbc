/// Where an asset's page stands in the site, a pure function of its key, so a trace
/// page can link it before the batch is complete and an unchanged trace page stays
/// valid in the next build. Names follow the trace pages' rules (`[A-Za-z0-9._-]`, no
/// leading dot, at most 120 bytes); a name with capitals or replaced characters carries
/// a hash of the original, so names stay distinct on case-insensitive disks too.
public enum AssetPagePath {
    /// The asset index, `assets/index`.
    public static let index = "assets/index"

    /// `assets/<kind>` for a single slot (`prompt`), `assets/<kind>/<name>` for a list key (`query:cpu_usage`); no extension.
    public static func page(for key: String) -> String {
        let (kind, name) = AssetKey.split(key)
        guard let name else { return "assets/" + segment(kind) }
        return "assets/" + segment(kind) + "/" + segment(name)
    }

    /// The page that lists an asset's traces: `asset-traces/` and the rest of its page's path. Its lists
    /// change only while they fill up, so a build that adds traces takes most of these pages over.
    public static func traces(for key: String) -> String {
        tracesFolder + page(for: key).dropFirst("assets".count)
    }

    /// The folder of the asset traces pages.
    public static let tracesFolder = "asset-traces"

    /// How many folders below the site root a page is (`traces/x` → 1).
    public static func depth(_ page: String) -> Int { page.utf8.filter { $0 == UInt8(ascii: "/") }.count }

    /// The relative prefix from `page` to the site root: `../` per folder.
    public static func root(from page: String) -> String { String(repeating: "../", count: depth(page)) }

    static func segment(_ text: String) -> String {
        let base = PageNamer.base(for: text)
        let plain = base == text && base.lowercased() == base && base != "index"
        return plain
            ? base
            : String(base.prefix(PageNamer.baseLimit))
                + (base.hasSuffix(StableHash.hex(text)) ? "" : "-" + StableHash.hex(text))
    }
}

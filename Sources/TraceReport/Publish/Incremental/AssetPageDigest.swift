/// A hash of everything an asset page is rendered from besides the templates (which the manifest's
/// fingerprint covers): the asset's entry in the catalog (its lists by count only: their traces are on
/// the traces page, `traces(of:)`), its findings, what the registry says of its names, and whether the
/// site links golden pages. A page whose digest is the last build's is taken
/// over as it is: adding or changing a trace changes only the pages of the assets it uses.
struct AssetPageDigest {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The digest of `asset`'s page, as 16 hex digits.
    static func of(
        _ asset: AssetCatalog.Asset, findings: [Finding], registry: AssetRegistry?, golden: Bool
    ) -> String {
        var d = AssetPageDigest()
        d.add(asset.key, asset.kind, String(asset.traces), golden ? "golden" : "-", registry == nil ? "-" : "registry")
        for stage in asset.stages { d.add(stage.name, String(stage.traces)) }
        for display in asset.displays {
            d.add(display.display, display.name, display.version ?? "\u{1}", display.isFallback ? "fallback" : "-")
            for stage in display.stages { d.add(stage.stage ?? "\u{1}", String(stage.count), stage.first) }
            d.add("list", String(display.traces.count))
            if let registry {
                d.add(registry.active(kind: asset.kind, name: display.name) ?? "\u{1}")
                if let version = display.version {
                    d.add(registry.activeIfStale(kind: asset.kind, name: display.name, version: version) ?? "\u{1}")
                }
            }
        }
        // The lists' traces are on the traces page: here only their counts.
        for list in [asset.fallbacks, asset.overrides, asset.globalOnly] { d.add("list", String(list.count)) }
        for finding in findings {
            d.add(finding.kind.rawValue, finding.stage ?? "\u{1}", finding.asset ?? "\u{1}", finding.message)
        }
        return d.hex
    }

    /// The digest of `asset`'s traces page (`AssetTracesModel`): its key, and each list's title, first
    /// traces and whether it has more, never a count, so a full list leaves it as it was.
    static func traces(of asset: AssetCatalog.Asset) -> String {
        var d = AssetPageDigest()
        d.add(asset.key)
        for list in AssetTracesModel.lists(of: asset) {
            d.add(list.title, list.anchor, list.traces.count > list.traces.first.count ? "more" : "-")
            for ref in list.traces.first {
                d.add(ref.traceID)
                d.add(ref.name)
            }
        }
        return d.hex
    }

    private var hex: String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private mutating func add(_ texts: String...) {
        for text in texts { add(text) }
    }

    /// FNV-1a over each text, its length first: no text, whatever bytes it holds, can pass for the end
    /// of one field and the start of the next. Byte by byte in place: building an array of each text's
    /// bytes was most of the digest, and the digests of all asset pages a twelfth of an incremental build.
    private mutating func add(_ text: String) {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var h = hash
        var text = text
        text.withUTF8 { bytes in
            for byte in String(bytes.count).utf8 { h = (h ^ UInt64(byte)) &* prime }
            h = h &* prime
            for byte in bytes { h = (h ^ UInt64(byte)) &* prime }
            h = h &* prime
        }
        hash = h
    }
}

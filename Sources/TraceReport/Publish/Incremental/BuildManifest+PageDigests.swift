/// The manifest's lines that say what each index and asset page was rendered from.
extension BuildManifest {
    static let indexPagesPrefix = Array("{\"indexPages\":".utf8)

    /// The manifest's last line: the digest of each index page's inputs.
    static func indexPagesLine(_ digests: [String]) -> String {
        JSONValue.object(["indexPages": .array(digests.map(JSONValue.string))]).compactJSON
    }

    static let assetPagesPrefix = Array("{\"assetPages\":".utf8)

    /// The digest of each asset page's inputs, by the page's path without extension.
    static func assetPagesLine(_ digests: [String: String]) -> String {
        JSONValue.object(["assetPages": .object(digests.mapValues(JSONValue.string))]).compactJSON
    }
}

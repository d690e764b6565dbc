import Foundation

extension JSONValue {
    /// Compact JSON with sorted keys: the same value always gives the same text.
    public var compactJSON: String { serialised(pretty: false) }

    /// Indented JSON with sorted keys, for `<details>` blocks.
    public var prettyJSON: String { serialised(pretty: true) }

    private func serialised(pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

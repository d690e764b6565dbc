/// A location inside a JSON document, printed as `$.stage_inputs[2].applied_assets`,
/// so loader errors point at the exact field.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    private var text: String

    /// The document root, `$`.
    public static let root = JSONPath(text: "$")

    /// The path of a member of this object.
    public func key(_ name: String) -> JSONPath {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) }
        if plain { return JSONPath(text: text + "." + name) }
        let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return JSONPath(text: text + "[\"" + quoted + "\"]")
    }

    /// The path of an element of this array.
    public func index(_ i: Int) -> JSONPath { JSONPath(text: text + "[\(i)]") }

    public var description: String { text }
}

/// Any JSON value, kept as read so that fields the report shows verbatim
/// (`params`, `result`, `prev_output`) survive loading unchanged.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The JSON type name used in error messages ("an object", "a string", ...).
    public var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value as short text: strings bare, everything else as compact JSON.
    public var text: String {
        if case .string(let s) = self { return s }
        return compactJSON
    }
}

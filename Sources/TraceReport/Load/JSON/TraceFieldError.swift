/// A field of a trace that has the wrong shape: where it is and what was wrong.
public struct TraceFieldError: Error, Sendable, Equatable {
    /// Where in the document the bad value is.
    public var path: JSONPath
    /// What is wrong, e.g. `expected a string, found a number`.
    public var reason: String

    /// Creates a field error.
    public init(path: JSONPath, reason: String) {
        self.path = path
        self.reason = reason
    }

    static func expected(_ what: String, found value: JSONValue, at path: JSONPath) -> TraceFieldError {
        TraceFieldError(path: path, reason: "expected \(what), found \(value.typeDescription)")
    }
}

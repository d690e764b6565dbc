/// A field of a trace that had the wrong type. The trace is still reported;
/// the issue becomes a `field-wrong-type` warning on it.
public struct FieldIssue: Sendable, Equatable {
    /// Where in the trace the value is: `$.duration_ms`.
    public var path: String
    /// What was wrong and what the report did instead: `expected a number, found a string: ignored`.
    public var reason: String

    /// Creates an issue.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

import Foundation

/// A problem with one input file, line or trace. The build goes on with the
/// other traces; the error is listed on the index, in `summary.json` and on standard error.
public struct InputError: Error, Sendable, Equatable, LocalizedError {
    /// `"<file>"` or `"<file>:<line>"` for JSONL.
    public var source: String
    /// The JSON path of the bad value, when one is known.
    public var path: JSONPath?
    /// What is wrong, in words a user can act on.
    public var reason: String

    /// Creates an input error.
    public init(source: String, path: JSONPath? = nil, reason: String) {
        self.source = source
        self.path = path
        self.reason = reason
    }

    /// The message without the source: `$.route: expected a string, found a number`.
    public var message: String {
        guard let path else { return reason }
        return "\(path): \(reason)"
    }

    /// One line: `traces/a.jsonl:3: $.route: expected a string, found a number`.
    public var errorDescription: String? { "\(source): \(message)" }
}

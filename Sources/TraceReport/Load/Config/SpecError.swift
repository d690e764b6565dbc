import Foundation

/// A pipeline spec that cannot be run: the file, the JSON path, what is wrong.
public struct SpecError: Error, Sendable, Equatable, LocalizedError {
    /// The spec file (or `bundled sample`).
    public var file: String
    /// Where in the spec.
    public var path: JSONPath
    /// What is wrong and how to fix it.
    public var reason: String

    /// Creates a spec error.
    public init(file: String, path: JSONPath, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }

    public var errorDescription: String? { "\(file): \(path): \(reason)" }
}

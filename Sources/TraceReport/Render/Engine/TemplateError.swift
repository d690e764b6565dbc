import Foundation

/// A template that cannot be used: the folder or file is missing, or a
/// template does not parse. The message names the file and what to do.
public struct TemplateError: Error, Sendable, Equatable, LocalizedError {
    /// The folder or file concerned (with `:line:column` for syntax errors).
    public var path: String
    /// What is wrong and how to fix it.
    public var reason: String

    /// Creates a template error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var errorDescription: String? { "\(path): \(reason)" }
}

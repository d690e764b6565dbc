import Foundation

/// The site cannot be written where asked: the path, what is wrong, what to do.
public struct PublishError: Error, Sendable, Equatable, LocalizedError {
    /// The folder or file concerned.
    public var path: String
    /// What is wrong and how to fix it.
    public var reason: String

    /// Creates a publish error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var errorDescription: String? { "\(path): \(reason)" }
}

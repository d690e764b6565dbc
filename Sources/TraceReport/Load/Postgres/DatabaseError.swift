import Foundation

/// The database could not be read: which database (password hidden) and what to do.
/// Nothing is published after one: a build that meets it leaves the previous site as it was.
public struct DatabaseError: Error, Sendable, Equatable, LocalizedError {
    /// The URL with its password replaced by `***`.
    public var url: String
    /// What went wrong and what to do about it, in one line.
    public var reason: String

    /// Creates a database error.
    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var errorDescription: String? { "\(url): \(reason)" }
}

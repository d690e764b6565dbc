import Foundation

/// Why a command could not finish, naming the step (load, render, publish)
/// and the path; the command prints it and exits 2.
public struct ReportError: Error, Sendable, Equatable, LocalizedError {
    /// The steps of the flow, as named in messages.
    public enum Step: String, Sendable {
        case load, analyse, render, publish
    }

    /// The step that failed.
    public var step: Step
    /// The file or folder concerned.
    public var path: String
    /// What is wrong and what to do.
    public var reason: String
    /// The exit status: 2 (templates, output folder, usage), or 1 when an input could not be read at all (a database).
    public var exitStatus: Int32

    /// Creates a report error.
    public init(step: Step, path: String, reason: String, exitStatus: Int32 = 2) {
        self.step = step
        self.path = path
        self.reason = reason
        self.exitStatus = exitStatus
    }

    init(_ error: TemplateError) { self.init(step: .render, path: error.path, reason: error.reason) }
    init(_ error: PublishError) { self.init(step: .publish, path: error.path, reason: error.reason) }
    init(_ error: DatabaseError) { self.init(step: .load, path: error.url, reason: error.reason, exitStatus: 1) }

    /// Any error of the flow as a `ReportError`, keeping its own step and path when it has them.
    static func wrapping(_ error: any Error, step: Step, path: String) -> ReportError {
        switch error {
        case let error as ReportError: return error
        case let error as TemplateError: return ReportError(error)
        case let error as PublishError: return ReportError(error)
        case let error as DatabaseError: return ReportError(error)
        case let error as InputError: return ReportError(step: .load, path: error.source, reason: error.message)
        default: return ReportError(step: step, path: path, reason: error.localizedDescription)
        }
    }

    public var errorDescription: String? { "\(path): \(reason)" }
}

import Foundation

/// Why a command could not finish: the step (load, analyse, render, publish), the path, what to do,
/// and the exit status the command ends with. The one error type a command hands to `main`.
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

    /// A usage error found once the command runs (an input name, a file to write): exit 2.
    public static func usage(_ path: String, _ reason: String) -> ReportError {
        ReportError(step: .load, path: path, reason: reason, exitStatus: 2)
    }

    /// Any error of the flow as a `ReportError`, keeping its own step and path when it has them.
    static func wrapping(_ error: any Error, step: Step, path: String) -> ReportError {
        if let error = error as? any ReportableError { return error.reportError }
        return ReportError(step: step, path: path, reason: error.localizedDescription)
    }

    public var errorDescription: String? { "\(path): \(reason)" }
}

/// An error of one layer (templates, publishing, specs, the database) that knows the
/// `ReportError` a user sees for it: its step, path and exit status.
public protocol ReportableError: Error {
    /// The error as the command reports it.
    var reportError: ReportError { get }
}

extension ReportError: ReportableError {
    public var reportError: ReportError { self }
}

extension TemplateError: ReportableError {
    public var reportError: ReportError { ReportError(step: .render, path: path, reason: reason) }
}

extension PublishError: ReportableError {
    public var reportError: ReportError { ReportError(step: .publish, path: path, reason: reason) }
}

extension SpecError: ReportableError {
    public var reportError: ReportError { ReportError(step: .load, path: file, reason: "\(path): \(reason)") }
}

extension DatabaseError: ReportableError {
    public var reportError: ReportError { ReportError(step: .load, path: url, reason: reason, exitStatus: 1) }
}

extension InputError: ReportableError {
    public var reportError: ReportError { ReportError(step: .load, path: source, reason: message, exitStatus: 1) }
}

extension ReportError {
    init(_ error: some ReportableError) { self = error.reportError }

    /// Runs `body`, turning its typed error into the `ReportError` a command hands to `main`.
    public static func reporting<T, E: ReportableError>(_ body: () throws(E) -> T) throws(ReportError) -> T {
        do { return try body() } catch { throw error.reportError }
    }

    /// `reporting` for asynchronous work.
    public static func reporting<T, E: ReportableError>(_ body: () async throws(E) -> T) async throws(ReportError) -> T
    {
        do { return try await body() } catch { throw error.reportError }
    }
}

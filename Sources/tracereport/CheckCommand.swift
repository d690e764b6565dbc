import ArgumentParser
import Foundation
import TraceReport

/// `tracereport check`: findings as lines, coverage as an exit code for CI.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Print every finding as a line and fail when one of the --fail-on kinds exists.",
        discussion: """
            Each line: <source>: <trace_id>: <stage>: <severity> <kind>: <message>
            Exit 3 when a finding of a --fail-on kind exists, else 1 when some input could not be read, else 0.
            Kinds: \(FindingKind.allCases.map(\.rawValue).joined(separator: ", ")).
            """
    )

    @OptionGroup var input: InputOptions

    @Option(
        help: "Comma-separated finding kinds that fail the check.",
        transform: { text in
            try text.split(separator: ",").map { part in
                let name = part.trimmingCharacters(in: .whitespaces)
                guard let kind = FindingKind(rawValue: name) else {
                    throw ValidationError("unknown finding kind \"\(name)\": use one of \(FindingKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return kind
            }
        })
    var failOn: [[FindingKind]] = [FindingKind.defaultFailOn]

    func run() async throws {
        let check = TraceCheck(failOn: Set(failOn.flatMap { $0 }), loader: TraceLoader(notes: Console.noteOnce))
        let (current, baseline) = try await input.resolve()
        let result = check.run(current, baseline: baseline) { print($0) }
        for error in result.errors { Console.error(error.errorDescription ?? "") }
        Console.error("checked \(result.traces) traces: \(result.lines.count) findings, \(result.failing) failing (\(check.failOn.map(\.rawValue).sorted().joined(separator: ",")))")
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}

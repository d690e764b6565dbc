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
            Batch findings (version-drift, asset-stale, asset-unpinned) follow as -: -: <stage>: …
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

    @Option(help: "A registry snapshot ({\"<kind>\": [{\"name\", \"versions\", \"active\"}]}, or a pipeline spec): assets used at an older version are asset-stale.")
    var registry: String?

    @Option(help: "Exceptions, one per line: <kind>[:<key pattern>] with * globs and an optional # reason. Allowed findings never fail the check.")
    var allow: String?

    func run() async throws {
        let check = TraceCheck(
            failOn: Set(failOn.flatMap { $0 }), loader: TraceLoader(notes: Console.noteOnce), registry: try registry.map(AssetRegistry.load(path:)),
            allow: try allow.map(AllowList.load(path:)))
        let (current, baseline) = try await input.resolve()
        let result = check.run(current, baseline: baseline) { print($0) }
        for error in result.errors { Console.error(error.errorDescription ?? "") }
        Console.error(
            "checked \(result.traces) traces: \(result.lines.count) findings, \(result.failing) failing (\(check.failOn.map(\.rawValue).sorted().joined(separator: ",")))"
                + (result.allowed > 0 ? ", \(result.allowed) allowed" : ""))
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}

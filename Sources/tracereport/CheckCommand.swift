import ArgumentParser
import Foundation
import TraceReport

/// `tracereport check`: findings as lines, coverage as an exit code for CI.
struct CheckCommand: ReportCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Print every finding as a line and fail when one of the --fail-on kinds exists.",
        discussion: """
            --format text (the default): each line <source>: <trace_id>: <stage>: <severity> <kind>: <message>;
            batch findings (version-drift, asset-stale, asset-unpinned) follow as -: -: <stage>: …
            --format github: GitHub Actions annotations (::error title=<kind>::<trace_id> <stage>: <message>).
            --format junit: JUnit XML, a test case per trace. --format json: one JSON document.
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
                    throw ValidationError(
                        "unknown finding kind \"\(name)\": use one of \(FindingKind.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                return kind
            }
        })
    var failOn: [[FindingKind]] = [FindingKind.defaultFailOn]

    @Option(
        help:
            "A registry snapshot ({\"<kind>\": [{\"name\", \"versions\", \"active\"}]}, or a pipeline spec), or a database (postgresql://… or db) whose tb_asset_registry is read: assets used at an older version are asset-stale."
    )
    var registry: String?

    @Option(
        help:
            "Exceptions, one per line: <kind>[:<key pattern>] with * globs and an optional # reason. Allowed findings never fail the check."
    )
    var allow: String?

    @Option(help: "text (default), github, junit or json: how findings are printed on standard output.")
    var format: CheckFormatOption = .text

    @Option(
        help: "Also write a Markdown job summary of the batch to this file (at most 1 MiB), e.g. $GITHUB_STEP_SUMMARY.")
    var summary: String?

    @Option(help: "The published site's URL (http:// or https://): the summary links each failing trace to its page.")
    var siteURL: String?

    func validate() throws {
        if let siteURL {
            guard siteURL.hasPrefix("https://") || siteURL.hasPrefix("http://"),
                !siteURL.unicodeScalars.contains(where: {
                    $0.value <= 0x20 || $0 == "<" || $0 == ">" || $0.value == 0x7F
                })
            else {
                throw ValidationError(
                    "--site-url \(siteURL): give an http:// or https:// URL without spaces or angle brackets")
            }
        }
        if let summary, summary.isEmpty { throw ValidationError("--summary needs a file name") }
    }

    func execute() async throws(ReportError) -> Int32 {
        let registry = try self.registry.map(RegistryOption.load)
        let allow = try ReportError.reporting { () throws(SpecError) in try self.allow.map(AllowList.load(path:)) }
        let check = TraceCheck(
            failOn: Set(failOn.flatMap { $0 }), loader: TraceLoader(notes: Console.noteOnce), registry: registry,
            allow: allow)
        let (current, baseline) = try await input.resolve()
        let streaming = format == .text
        let result = check.run(current, baseline: baseline) { if streaming { print($0) } }
        if !streaming { Console.output(format.format.render(result, failOn: check.failOn)) }
        for error in result.errors { Console.error(error.errorDescription ?? "") }
        if let summary {
            let text = CheckSummary.render(
                result, failOn: check.failOn, siteURL: siteURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 })
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: summary)) } catch {
                throw ReportError.usage(
                    summary,
                    "--summary cannot be written: \(error.localizedDescription); pass a file in a folder you can write to"
                )
            }
        }
        Console.error(result.summaryLine(failOn: check.failOn))
        return result.exitStatus
    }
}

/// `--format` of `check`.
enum CheckFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, github, junit, json
    var format: CheckFormat { CheckFormat(rawValue: rawValue)! }
}

import ArgumentParser
import Foundation
import TraceReport

/// `tracereport render`: one trace to standard output, for a code review.
struct RenderCommand: ReportCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html
    }

    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract:
            "Print one trace as a code-review attachment: Markdown within a budget (65,536 characters unless --budget), or a single HTML file."
    )

    @Argument(
        help:
            "A trace file (.json or .jsonl), a PostgreSQL URL, or db for $TRACEREPORT_DATABASE_URL. None: the bundled sample's scoped re-run."
    )
    var input: String?

    @OptionGroup var baseline: BaselineOptions

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "The trace to render when the input holds several.")
    var traceID: String?

    @Option(help: "markdown (default) or html (one self-contained file, stylesheet inline).")
    var format: Format = .markdown

    @Option(
        help:
            "How long the Markdown may be: comment (65,536 characters, a review comment: the default), summary (1 MiB, a job summary) or a number of characters (at least 1000).",
        transform: { text in
            guard let budget = AttachmentBudget(argument: text) else {
                throw ValidationError(
                    "--budget \(text): use comment, summary or a number of characters of at least \(AttachmentBudget.smallest)"
                )
            }
            return budget
        })
    var budget: AttachmentBudget = .comment

    @OptionGroup var template: TemplateOptions

    func validate() throws {
        if format == .html && budget != .comment {
            throw ValidationError("--budget limits the Markdown attachment; --format html writes one whole file")
        }
        if let input, case .path(let path) = try InputName.validated(input),
            !FileManager.default.fileExists(atPath: path)
        {
            throw ValidationError("\(input): no such file: pass a trace file (.json or .jsonl), or a postgresql:// URL")
        }
    }

    func execute() async throws(ReportError) -> Int32 {
        let templates = try ReportError.reporting { () throws(TemplateError) in try template.load() }
        // From a database, --trace-id selects the row itself.
        let selection = TraceSelection(traceIDs: traceID.map { [$0] } ?? [])
        let source: TraceInput
        var baselineInputs = try baseline.inputs(selection)
        var pickFirst = false
        if let input {
            source = try InputName.parse(input).input(selection)
        } else {
            // The bundled sample holds 20 traces: without --trace-id, its first one.
            let sample = try await ReportError.reporting { () async throws(SpecError) in
                try await BundledSample.inputs(jobs: baseline.jobs)
            }
            source = sample.current[0]
            pickFirst = traceID == nil
            if baselineInputs.isEmpty { baselineInputs = sample.baseline }
        }
        let attachment = TraceAttachment(
            templates: templates, generated: try BuildClock.generated(), loader: TraceLoader(notes: Console.noteOnce))
        let (text, errors) = try attachment.render(
            source, baseline: baselineInputs, traceID: traceID, html: format == .html, budget: budget,
            firstWhenSeveral: pickFirst)
        for error in errors { Console.error(error.errorDescription ?? "") }
        Console.output(text)
        return 0
    }
}

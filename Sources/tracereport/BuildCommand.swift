import ArgumentParser
import Foundation
import TraceReport

/// `tracereport build`: the static report site.
struct BuildCommand: ReportCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Write the report site (index, one page per trace, summary.json) to a folder.",
        discussion:
            "Exit 0 when every input was read, 1 when some were not (the rest are still in the site), 2 when the site cannot be written."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var template: TemplateOptions

    @Option(name: .shortAndLong, help: "The site folder; replaced whole when tracereport wrote it.")
    var output = "Output"

    @Option(
        help:
            "A registry snapshot ({\"<kind>\": [{\"name\", \"versions\", \"active\"}]}, or a pipeline spec), or a database (postgresql://… or db) whose tb_asset_registry is read: asset pages show used against active versions, trace pages name asset ids."
    )
    var registry: String?

    @Option(
        help:
            "Golden tables (a folder of .jsonl exports, a PostgreSQL URL or db): the inputs' traces that answered a golden query (tracereport rerun --golden) are judged as new runs against each baseline."
    )
    var golden: String?

    @Option(help: "How many builds history.jsonl keeps (the trend on the first index page), at least 1.")
    var historyLimit = BuildHistory.defaultLimit

    @Option(
        help:
            "Seed the history of a fresh --output folder from a published site: its folder or URL (<URL>/history.jsonl is fetched)."
    )
    var historyFrom: String?

    @Flag(
        help:
            "Build into an --output folder that holds files tracereport did not write (they are kept as <output>.replaced-N)."
    )
    var force = false

    @Flag(help: "Stop with exit 2, instead of waiting, when another build is writing the --output folder.")
    var noWait = false

    @Flag(
        help:
            "Read every input again: every database row, not only rows newer than the last build's watermark (which checks older rows and reads them all when they changed), and every JSONL file, not only files whose stamp changed."
    )
    var full = false

    func validate() throws {
        try Paths.mustBeFolder(output)
        guard historyLimit >= 1 else { throw ValidationError("--history-limit \(historyLimit): keep at least 1 build") }
    }

    func execute() async throws(ReportError) -> Int32 {
        let templates = try ReportError.reporting { () throws(TemplateError) in try template.load() }
        let (current, baseline) = try await input.resolve()
        let time = try BuildClock.build()
        var options = ReportPipeline.Options(
            inputs: current, baseline: baseline, output: output, templates: templates, force: force,
            generated: time.shown,
            jobs: input.baseline.jobs)
        options.notes = Console.noteOnce
        options.whenBusy = noWait ? .fail : .wait(notes: Console.noteOnce)
        options.fullRead = full
        options.registry = try registry.map(RegistryOption.load)
        if let golden {
            let tables = try GoldenOption(golden)
            options.golden = tables.tables
            options.inputs.append(tables.traces)
            for error in tables.errors { Console.error(error.errorDescription ?? "") }
        }
        options.historyLimit = historyLimit
        options.historySeed = historyFrom.map(BuildHistory.Seed.init)
        options.historyTime = time.recorded
        let showProgress = Console.standardErrorIsTerminal
        let result = try ReportPipeline(options).build { done in
            if showProgress && done % 200 == 0 { Console.error("… \(done) traces") }
        }
        for error in result.errors { Console.error(error.errorDescription ?? "") }
        if let replaced = result.replacedFolder {
            Console.error("note: the folder that was at \(result.output) is now \(replaced)")
        }
        let t = result.totals
        print(
            "Wrote \(result.output): \(t.traces) traces (\(t.tracesWithoutStages) ran no stage), \(result.pages) pages; stages \(t.coverage["captured"] ?? 0) captured, \(t.coverage["empty"] ?? 0) empty, \(t.coverage["missing"] ?? 0) missing, \(t.coverage["inferred"] ?? 0) inferred; \(t.tracesWithStageAssetsMissing) traces with stage-assets-missing; \(t.inputErrors) input errors."
                + (result.reused > 0 ? " \(result.reused) traces were unchanged since the last build." : "")
                + (result.replayed > 0
                    ? " \(result.replayed) rows older than the last build's watermark were not read again." : "")
                + (result.unreadFiles > 0
                    ? " \(result.unreadFiles) unchanged \(result.unreadFiles == 1 ? "file was" : "files were") not read again."
                    : "")
        )
        return result.errors.isEmpty ? 0 : 1
    }
}

import ArgumentParser
import Foundation
import TraceReport

/// `tracereport rerun`: re-run a pipeline spec (both stage orderings), or
/// re-run recorded traces through your own command.
struct RerunCommand: ReportCommand {
    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case legacy, scoped, both
    }

    static let configuration = CommandConfiguration(
        commandName: "rerun",
        abstract: "Re-run stage pipelines and write one trace file per request.",
        discussion: """
            Spec mode (no --command): runs the pipeline spec (default: the bundled 20-query sample) with the legacy
            ordering (stage input built before the stage runs: the bug) and/or the scoped one (the fix), and writes
            <output>/legacy/*.json and <output>/scoped/*.json. Compare them with:
              tracereport build <output>/scoped --baseline <output>/legacy

            Command mode (--command CMD INPUT...): for each input trace runs /bin/sh -c CMD with TRACE_ID,
            TRACE_QUESTION and TRACE_FILE (a file holding the trace's JSON) in its environment; CMD prints one trace
            JSON on standard output. Failures (exit status, timeout, invalid output) are reported per trace; the
            others go on, and the command exits 1 at the end.

            Golden mode (--command CMD --golden INPUT): for each enabled golden query of INPUT (a folder with the
            tables' .jsonl exports, a PostgreSQL URL or db) runs CMD with TRACE_QUESTION, GOLDEN_QUERY_ID and
            GOLDEN_QUERY_NAME; each trace it prints gets golden_query_id. Judge them with:
              tracereport build <output> --golden INPUT
            tracereport never writes to the database.
            """
    )

    @Option(help: "The pipeline spec to run (JSON). Default: the bundled sample.")
    var pipeline: String?

    @Option(help: "legacy, scoped or both (spec mode).")
    var mode: Mode = .both

    @Option(help: "Re-run recorded traces through this shell command instead of a spec.")
    var command: String?

    @Option(help: "Seconds one command run may take (command mode).")
    var timeout: Double = 60

    @Option(help: "How many requests run at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .shortAndLong, help: "The folder for the trace files; replaced whole when tracereport wrote it.")
    var output: String

    @Flag(
        help:
            "Write into an --output folder that holds files tracereport did not write (they are kept as <output>.replaced-N)."
    )
    var force = false

    @Flag(help: "Stop with exit 2, instead of waiting, when another run is writing the --output folder.")
    var noWait = false

    @Option(
        help:
            "Ask each enabled golden query of this input (a folder of exports, a PostgreSQL URL or db) through --command."
    )
    var golden: String?

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "Recorded traces to re-run (command mode): files or folders.")
    var inputs: [String] = []

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        try Paths.mustBeFolder(output)
        if golden != nil {
            guard command != nil else {
                throw ValidationError("--golden needs --command: the command that answers a question")
            }
            guard inputs.isEmpty, pipeline == nil else {
                throw ValidationError("--golden asks the golden queries: pass no trace inputs and no --pipeline")
            }
            guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        } else if command != nil {
            guard !inputs.isEmpty else {
                throw ValidationError("--command needs the traces to re-run: pass trace files or folders")
            }
            guard pipeline == nil else {
                throw ValidationError(
                    "--command and --pipeline do not go together: a command re-runs recorded traces, a pipeline runs its own queries"
                )
            }
            guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
            try Paths.mustExist(inputs)
        } else {
            guard inputs.isEmpty else {
                throw ValidationError("trace inputs go with --command; to run a spec, pass --pipeline FILE")
            }
            if let pipeline { try Paths.mustExist([pipeline]) }
        }
    }

    func execute() async throws(ReportError) -> Int32 {
        if let command, let golden { return try await askGolden(command, golden) }
        if let command { return try await runCommand(command) }
        let spec = try ReportError.reporting { () throws(SpecError) -> PipelineSpec in
            if let pipeline { return try PipelineSpecLoader.load(path: pipeline) }
            return try BundledSample.spec()
        }
        let orderings: [StageOrdering] = mode == .both ? [.legacy, .scoped] : [mode == .legacy ? .legacy : .scoped]
        let traces = await PipelineRunner(spec: spec, jobs: jobs).run(orderings)
        let count = try ReportError.reporting { () throws(PublishError) in
            try RerunWriter.write(
                orderings.map { ($0.rawValue, traces[$0] ?? []) }, to: output, force: force, whenBusy: whenBusy)
        }
        print(
            "Ran \(spec.queries.count) queries of \(spec.name) (\(orderings.map(\.rawValue).joined(separator: ", "))): wrote \(count) traces to \(output)."
        )
        return 0
    }

    private func askGolden(_ command: String, _ input: String) async throws(ReportError) -> Int32 {
        let golden = try GoldenOption(input)
        let queries = golden.tables.queries.filter(\.enabled).sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        let (count, failures) = try await run(
            command, queries.map { ("golden:" + $0.id, CommandRerunner.Job(asking: $0)) })
        for error in golden.errors { Console.error(error.errorDescription ?? "") }
        print(
            "Asked \(queries.count) enabled golden queries: \(count) traces written to \(output), \(failures) failed. Judge them with: tracereport build \(output) --golden \(input)"
        )
        return failures > 0 || !golden.errors.isEmpty ? 1 : 0
    }

    private func runCommand(_ command: String) async throws(ReportError) -> Int32 {
        var traces: [LoadedTrace] = []
        var errors: [InputError] = []
        do {
            try TraceLoader(keepRaw: true).load(inputs.map(TraceInput.path)) { result in
                switch result {
                case .trace(let loaded): traces.append(loaded)
                case .failure(let error): errors.append(error)
                }
            }
        } catch {
            // File inputs report their problems as input errors; what reaches here is the disk itself.
            throw ReportError(
                step: .load, path: inputs.joined(separator: " "),
                reason: "cannot be read: \(error.localizedDescription)", exitStatus: 1)
        }
        let (count, failures) = try await run(
            command, traces.map { ("\($0.source): \($0.trace.traceID)", CommandRerunner.Job(rerunning: $0)) })
        for error in errors { Console.error(error.errorDescription ?? "") }
        print(
            "Re-ran \(traces.count) traces: \(count) new traces written to \(output), \(failures) failed, \(errors.count) inputs unreadable."
        )
        return failures > 0 || !errors.isEmpty ? 1 : 0
    }

    /// Runs the command once per job, says why each failed run failed (after its label), and writes the
    /// traces it printed into `--output` as they come, in input order; how many were written and how many failed.
    private func run(_ command: String, _ work: [(label: String, job: CommandRerunner.Job)]) async throws(ReportError)
        -> (written: Int, failed: Int)
    {
        let writer = try ReportError.reporting { () throws(PublishError) in
            try RerunWriter(output: output, force: force, whenBusy: whenBusy)
        }
        var failures = 0
        var writeError: PublishError?
        do throws(PublishError) {
            try await CommandRerunner(command: command, timeout: .milliseconds(Int(timeout * 1000)), jobs: jobs)
                .run(jobs: work.map(\.job)) { index, outcome in
                    switch outcome {
                    case .trace(let value):
                        do throws(PublishError) { try writer.add(value) } catch {
                            writeError = error
                            return false
                        }
                    case .failed(let why):
                        failures += 1
                        Console.error("\(work[index].label): \(why)")
                    }
                    return true
                }
        } catch {
            throw error.reportError
        }
        if let writeError { throw writeError.reportError }
        try ReportError.reporting { () throws(PublishError) in try writer.commit() }
        return (writer.count, failures)
    }

    /// Waits for another build writing `--output`, or stops (`--no-wait`).
    private var whenBusy: OutputLock.WhenBusy { noWait ? .fail : .wait(notes: Console.noteOnce) }
}

import ArgumentParser
import Foundation
import Synchronization
import TraceReport

/// The trace inputs shared by `build` and `check`: files, folders, databases, or the bundled sample.
struct InputOptions: ParsableArguments {
    @Argument(
        help: """
            Trace files (.json: one trace or an array; .jsonl: one per line), folders read recursively, PostgreSQL URLs \
            (postgresql://user[:password]@host[:port]/db), or db for $TRACEREPORT_DATABASE_URL. None: the bundled sample, re-run in both orderings.
            """)
    var inputs: [String] = []

    @OptionGroup var baseline: BaselineOptions

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        let names = try inputs.map(InputName.validated)
        try Paths.mustExist(names)
        if !database.given.isEmpty, !names.contains(where: \.isDatabase) {
            throw ValidationError(
                "\(database.given.joined(separator: ", ")) select database rows: pass a postgresql:// URL or db as an input"
            )
        }
    }

    /// The inputs to read and the baseline to compare with. No input: the bundled
    /// sample's scoped run, against its legacy run unless `--baseline` says otherwise.
    /// A database baseline reads the rows the selected rows were re-run from (their `parent_trace_id`).
    func resolve() async throws(ReportError) -> (current: [TraceInput], baseline: [TraceInput]) {
        let selection = database.selection
        let baselineInputs = try baseline.inputs(selection)
        if !inputs.isEmpty {
            var current: [TraceInput] = []
            for name in inputs { current.append(try InputName.parse(name).input(selection)) }
            return (current, baselineInputs)
        }
        let sample = try await ReportError.reporting { () async throws(SpecError) in
            try await BundledSample.inputs(jobs: baseline.jobs)
        }
        return (sample.current, baseline.paths.isEmpty ? sample.baseline : baselineInputs)
    }
}

/// `--baseline`: traces to compare with ("before"), and how many re-runs at once.
struct BaselineOptions: ParsableArguments {
    @Option(
        name: .customLong("baseline"), parsing: .upToNextOption,
        help:
            "Traces to compare with (\"before\"): files, folders or databases, like the inputs (a database: the rows the selected rows were re-run from)."
    )
    var paths: [String] = []

    @Option(help: "How many requests a re-run runs at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        try Paths.mustExist(try paths.map(InputName.validated))
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// The baseline inputs; a database baseline reads the rows the selected rows were re-run from.
    func inputs(_ selection: TraceSelection) throws(ReportError) -> [TraceInput] {
        var result: [TraceInput] = []
        for path in paths { result.append(try InputName.parse(path).input(selection, rows: .parentsOfSelected)) }
        return result
    }
}

/// Where templates come from: `--templates`, else `./Templates` when present, else the bundled copy.
struct TemplateOptions: ParsableArguments {
    @Option(
        help:
            "Folder with trace.mustache, index.mustache, layout.mustache and style.css. Default: ./Templates if present, else the bundled templates."
    )
    var templates: String?

    func load() throws(TemplateError) -> TemplateSet {
        if let templates { return try TemplateSet.load(directory: templates) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "Templates", isDirectory: &isDirectory), isDirectory.boolValue {
            return try TemplateSet.load(directory: "Templates")
        }
        return try TemplateSet.bundled()
    }
}

enum Paths {
    static func mustExist(_ names: [InputName]) throws {
        try mustExist(names.compactMap { if case .path(let path) = $0 { path } else { nil } })
    }

    /// `--output` must name a folder (existing or not), never an empty path or a file.
    static func mustBeFolder(_ output: String) throws {
        guard !output.isEmpty else {
            throw ValidationError("--output is empty: pass the folder to write to (it is created if missing)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError(
                "--output \(output) is a file, not a folder: pass a folder path (it is created if missing)")
        }
    }

    static func mustExist(_ paths: [String]) throws {
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError(
                "\(path): no such file or folder: pass trace files (.json, .jsonl) or folders that hold them")
        }
    }
}

/// Messages on standard error, results on standard output.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Text on standard output, after whatever `print` has buffered.
    static func output(_ text: String) {
        flush()
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes out what `print` buffered, before the process exits or writes around it.
    static func flush() { fflush(nil) }

    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    private static let said = Mutex<Set<String>>([])

    /// A note on standard error, once per run however often it is heard (the baseline and the inputs may read the same table).
    static let noteOnce: @Sendable (String) -> Void = { text in
        if said.withLock({ $0.insert(text).inserted }) { error(text) }
    }
}

import ArgumentParser
import Foundation
import TraceReport

/// The trace inputs shared by every subcommand: files, folders, or the bundled sample.
struct InputOptions: ParsableArguments {
    @Argument(help: "Trace files (.json: one trace or an array; .jsonl: one per line) or folders read recursively. None: the bundled sample.")
    var inputs: [String] = []

    func validate() throws {
        for path in inputs where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path): no such file or folder: pass trace files (.json, .jsonl) or folders that hold them")
        }
    }

    /// The inputs to read.
    var traceInputs: [TraceInput] { inputs.isEmpty ? BundledSample.inputs : inputs.map(TraceInput.path) }
}

/// Where templates come from: `--templates`, else `./Templates` when present, else the bundled copy.
struct TemplateOptions: ParsableArguments {
    @Option(help: "Folder with trace.mustache, index.mustache, layout.mustache and style.css. Default: ./Templates if present, else the bundled templates.")
    var templates: String?

    func load() throws -> TemplateSet {
        if let templates { return try TemplateSet.load(directory: templates) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "Templates", isDirectory: &isDirectory), isDirectory.boolValue {
            return try TemplateSet.load(directory: "Templates")
        }
        return try TemplateSet.bundled()
    }
}

/// Messages on standard error.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}

/// Writes re-run traces as files, one per request, into a folder replaced
/// whole (with the same care as a site: staged, swapped in, never someone else's files).
/// Each trace is written as it is added, so a long re-run holds none of them in memory.
public final class RerunWriter {
    private let writer: SiteWriter
    private var namers: [String: PageNamer] = [:]
    /// How many traces were written.
    public private(set) var count = 0

    /// Stages a folder that replaces `output` on `commit`.
    public init(output: String, force: Bool, whenBusy: OutputLock.WhenBusy = .wait(notes: { _ in }))
        throws(PublishError)
    {
        writer = try SiteWriter(output: output, force: force, marker: SiteWriter.tracesMarker, whenBusy: whenBusy)
    }

    /// Writes `trace` to `<output>/<folder>/<name>.json` (`folder` may be empty), named after its `trace_id`.
    public func add(_ trace: JSONValue, folder: String = "") throws(PublishError) {
        let id = trace.objectField("trace_id")?.text ?? "trace"
        let name = namers[folder, default: PageNamer()].name(for: id)
        try writer.write("\(folder.isEmpty ? "" : folder + "/")\(name).json", trace.prettyJSON + "\n")
        count += 1
    }

    /// Puts the folder in place of `output`.
    public func commit() throws(PublishError) { try writer.commit() }

    /// Writes each group's traces and commits: `<output>/<folder>/<name>.json`; returns how many.
    public static func write(
        _ groups: [(folder: String, traces: [JSONValue])], to output: String, force: Bool,
        whenBusy: OutputLock.WhenBusy = .wait(notes: { _ in })
    ) throws(PublishError) -> Int {
        let writer = try RerunWriter(output: output, force: force, whenBusy: whenBusy)
        for group in groups {
            for trace in group.traces { try writer.add(trace, folder: group.folder) }
        }
        try writer.commit()
        return writer.count
    }
}

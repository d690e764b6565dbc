/// Writes re-run traces as files, one per request, into a folder replaced
/// whole (with the same care as a site: staged, swapped in, never someone else's files).
public struct RerunWriter {
    /// Writes each group's traces to `<output>/<folder>/<name>.json` (`folder` may be empty); returns how many.
    public static func write(_ groups: [(folder: String, traces: [JSONValue])], to output: String, force: Bool)
        throws(PublishError) -> Int
    {
        let writer = try SiteWriter(output: output, force: force, marker: SiteWriter.tracesMarker)
        var count = 0
        for group in groups {
            var namer = PageNamer()
            let prefix = group.folder.isEmpty ? "" : group.folder + "/"
            for trace in group.traces {
                let id = trace.objectField("trace_id")?.text ?? "trace"
                try writer.write("\(prefix)\(namer.name(for: id)).json", trace.prettyJSON + "\n")
                count += 1
            }
        }
        try writer.commit()
        return count
    }
}

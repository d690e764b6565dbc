import Foundation

/// A build from one table that only grows: rows before the last build's watermark are taken from its
/// manifest (their pages linked, their entries copied) without being read; only newer rows are read.
extension SiteBuild {
    /// The one database input, when the build can resume its read: no baseline (pairs can change with
    /// new rows), no golden tables (their section needs the traces read), not `--full`.
    var resumableTable: DatabaseSource? { golden == nil ? Self.tableInput(options) : nil }

    /// The one input, when it is a table's selected rows and there is no baseline: all of `resumableTable`
    /// that is known before the golden tables are looked for (`startTableRead`).
    static func tableInput(_ options: ReportPipeline.Options) -> DatabaseSource? {
        guard options.inputs.count == 1, let table = options.inputs[0].source as? DatabaseSource,
            table.query.rows == .selected, options.baseline.isEmpty
        else { return nil }
        return table
    }

    /// Reads the table, resuming from the last build's watermark when its rows before it did not change.
    func readTable(_ table: DatabaseSource, _ take: (LoadUnit) throws -> Void) throws {
        let loader = TraceLoader(notes: options.notes)
        let watermark =
            options.fullRead
            ? nil
            : previous.flatMap { p in
                p.watermark.flatMap { w in
                    w.count <= p.unitCount ? w : nil
                }
            }
        resumeAt = try table.units(loader, resuming: watermark, started: tableStart?.result, resumed: replay, take)
    }

    /// The last build's units before the watermark, in its order, each page checked to be its own; their
    /// lines are read a few batches at a time, in parallel (one after another they were most of the build).
    func replay(_ watermark: TableWatermark) throws {
        guard let previous else { return }
        var lines: [(key: String, line: [UInt8])] = []
        let (last, fromSpare, output, recorder) = (last, fromSpare, site.output, recorder)
        func flush() throws {
            let batch = try ParallelWork.map(lines, jobs: options.jobs) { unit -> ReportPipeline.Prepared in
                let traces: [BuildManifest.PreviousTrace]
                do { traces = try BuildManifest.traces(fromLine: unit.line, digests: false) } catch {
                    throw PublishError(
                        path: previous.path,
                        reason: "a unit cannot be read (\(error)): build again with --full to read every row")
                }
                let pages = traces.flatMap {
                    [PageNamer.tracePage($0.trace.name) + ".md", PageNamer.tracePage($0.trace.name) + ".html"]
                }
                // Started from the spare site, the pages are in the staging folder already.
                guard fromSpare || last.areOwn(pages) else {
                    throw PublishError(
                        path: output,
                        reason:
                            "a page of the last build is missing or not its own (\(pages.first ?? "")): build again with --full to read every row"
                    )
                }
                // The group that starts here, read for the recorder now, in parallel: on its own thread, reading
                // them was a third of its time in a build of 50 new rows over 30,000.
                recorder.readGroup(startingWith: unit.key)
                return .cached(key: unit.key, traces: traces, unit: nil)
            }
            try add(prepared: batch)
            lines.removeAll(keepingCapacity: true)
        }
        try previous.replay(watermark.count) { key, line in
            lines.append((key, line))
            if lines.count == Self.batchSize * 4 { try flush() }
        }
        try flush()
        replayed = watermark.count
    }
}

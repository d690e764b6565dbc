import Foundation

/// The whole flow of `tracereport build`: load → analyse → render → publish,
/// one trace at a time so memory stays flat, naming the step on every error.
public struct ReportPipeline: Sendable {
    /// The options of this build.
    public let options: Options

    /// Creates a pipeline.
    public init(_ options: Options) { self.options = options }

    /// Builds the site. `progress` is called with the number of traces done so far.
    public func build(progress: ((Int) -> Void)? = nil) throws(ReportError) -> BuildResult {
        let site: SiteWriter
        do { site = try SiteWriter(output: options.output, force: options.force, whenBusy: options.whenBusy) } catch {
            throw ReportError(error)
        }
        do {
            return try build(into: site, progress: progress)
        } catch {
            site.discard()
            throw ReportError.wrapping(error, step: .publish, path: options.output)
        }
    }

    /// The build's steps: every trace (analysed, rendered, written), then the batch's findings, history,
    /// index and asset pages, then the records and the swap.
    private func build(into site: SiteWriter, progress: ((Int) -> Void)?) throws -> BuildResult {
        let build = try SiteBuild(options: options, site: site)
        defer { build.files.drain() }
        try build.addTraces(progress: progress)
        let batchFindings = BatchFindings.findings(build.catalog, registry: options.registry)
        let history = build.history(batchFindings: batchFindings)
        let golden = build.goldenReports()
        // The trace pages' folder settled on a thread of its own (a scan of every file in it), the index, asset
        // and golden pages rendered on this one: neither reads what the other writes. The pages go on the
        // thread that waits for nothing, so that the other, once done, goes back to the pool and renders
        // pages too (work mapped in parallel inside a side that waits would run on one thread).
        let shared = SharedBuild(build: build)
        let (differing, _) = try ParallelWork.both(
            jobs: options.jobs,
            { try shared.build.settleTracePages() },
            {
                try shared.build.writeIndexPages(history: history, batchFindings: batchFindings)
                try shared.build.writeAssetPages(batchFindings: batchFindings)
                if let golden { try shared.build.writeGoldenPages(golden) }
            })
        return try build.publish(history: history, batchFindings: batchFindings, golden: golden, differing: differing)
    }
}

/// A build handed to both sides of `ParallelWork.both`: one settles `traces/` (reading the namer and the pages
/// rendered); the other writes the index, asset and golden pages and their digests; neither touches what
/// the other writes.
private struct SharedBuild: @unchecked Sendable {
    let build: SiteBuild
}

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
        // The asset and golden pages and the trace pages' folder settled on a thread of their own, the index
        // pages on this one: neither reads what the other writes (an incremental build's first index page
        // alone was a tenth of its time, on one core). The index pages go on the thread that waits for
        // nothing, so that the other, once done, goes back to the pool and renders index pages too.
        let shared = SharedBuild(build: build)
        let (differing, _) = try ParallelWork.both(
            jobs: options.jobs,
            {
                try shared.build.writeAssetPages(batchFindings: batchFindings)
                if let golden { try shared.build.writeGoldenPages(golden) }
                return try shared.build.settleTracePages()
            },
            { try shared.build.writeIndexPages(history: history, batchFindings: batchFindings) })
        return try build.publish(history: history, batchFindings: batchFindings, golden: golden, differing: differing)
    }
}

/// A build handed to both sides of `ParallelWork.both`: the index pages write `indexDigests` and read the
/// row spool; the other side writes `assetDigests` and settles `traces/`; neither touches the other's state.
private struct SharedBuild: @unchecked Sendable {
    let build: SiteBuild
}

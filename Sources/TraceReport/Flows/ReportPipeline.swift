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
        try build.writeIndexPages(history: history, batchFindings: batchFindings)
        try build.writeAssetPages(batchFindings: batchFindings)
        let golden = build.goldenReports()
        if let golden { try build.writeGoldenPages(golden) }
        return try build.publish(history: history, batchFindings: batchFindings, golden: golden)
    }
}

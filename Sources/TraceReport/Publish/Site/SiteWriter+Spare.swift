/// Starting a build from the spare site (`SpareSite`).
extension SiteWriter {
    /// Starts the staging folder from the spare site, when there is one that precedes the published
    /// site: its `traces/` then holds the published site's pages, and nothing else is in it but the
    /// marker. Call it before writing anything. True when it did.
    func startFromSpare() throws(PublishError) -> Bool {
        switch SpareSite.adopt(spare: spare, staging: staging, output: output, marker: siteMarker) {
        case .adopted:
            startedFromSpare = true
        case .none:
            break
        case .spoiled:
            SpareSite.remove(staging)
            try makeStaging()
        }
        return startedFromSpare
    }
}

extension BaselineIndex {
    /// One trace analysed against its baseline, when one pairs: the step `build`, `check` and `render`
    /// share. The baseline's position comes back apart, for the caller to mark it paired, so that many
    /// threads can analyse against one index at once.
    public func analyse(_ loaded: LoadedTrace) -> (analysis: TraceAnalysis, baseline: Int?) {
        let pairing = lookup(loaded)
        let analysis = TraceAnalyser.analyse(
            loaded, baseline: pairing.map { self[$0.position] }, pairedBy: pairing?.rule ?? .traceID)
        return (analysis, pairing?.position)
    }
}

/// Merging tallies of consecutive runs of traces (see `AssetCatalog.merge`).
extension IndexTally {
    /// Adds the traces `later` was built from, which come after every trace added so far.
    public mutating func merge(_ later: IndexTally) {
        traces += later.traces
        stages += later.stages
        captured += later.captured
        empty += later.empty
        missing += later.missing
        inferred += later.inferred
        noStages += later.noStages
        errors += later.errors
        warnings += later.warnings
        infos += later.infos
        broken += later.broken
        backFilled += later.backFilled
        paired += later.paired
        pairedBrokenBefore += later.pairedBrokenBefore
        pairedBrokenNow += later.pairedBrokenNow
        for (stage, kinds) in later.matrix {
            for (kind, n) in kinds { matrix[stage, default: [:]][kind, default: 0] += n }
        }
        noStageKinds.merge(later.noStageKinds, uniquingKeysWith: +)
        expectedMissing.merge(later.expectedMissing, uniquingKeysWith: +)
        for stage in later.extraStages where seenStages.insert(stage).inserted { extraStages.append(stage) }
    }
}

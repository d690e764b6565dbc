/// The totals of a group of traces as the build manifest keeps them (`UnitGroup`): an array of the
/// counts, then the stage × kind matrix, the kinds of traces with no stage, the expected kinds missing,
/// the extra stages in the order first seen, and the findings by kind.
extension BuildTotals {
    func writeStored(to w: inout JSONTextWriter) {
        let t = tally
        w.array { w in
            w.array { w in
                for n in [
                    t.traces, t.stages, t.captured, t.empty, t.missing, t.inferred, t.noStages, t.errors, t.warnings,
                    t.infos, t.broken, t.backFilled, t.paired, t.pairedBrokenBefore, t.pairedBrokenNow,
                    tracesFailing, assetUses, fallbackUses, overrideUses,
                ] { w.int(n) }
            }
            w.object { w in
                for stage in t.matrix.keys.sorted() {
                    w.key(stage)
                    w.counts(t.matrix[stage]!)
                }
            }
            w.counts(t.noStageKinds)
            w.counts(t.expectedMissing)
            w.array { w in for stage in t.extraStages { w.string(stage) } }
            w.counts(findingKinds)
        }
    }

    static func readStored(_ p: inout JSONParser) throws(JSONParser.Failure) -> BuildTotals {
        var totals = BuildTotals()
        let what = "a group's totals"
        try p.enterArray()
        var first = true
        try p.element(&first, of: what)
        let n = try p.readInts()
        guard n.count == 19 else { throw p.fail("\(what) hold 19 counts") }
        (totals.tally.traces, totals.tally.stages, totals.tally.captured) = (n[0], n[1], n[2])
        (totals.tally.empty, totals.tally.missing, totals.tally.inferred) = (n[3], n[4], n[5])
        (totals.tally.noStages, totals.tally.errors, totals.tally.warnings) = (n[6], n[7], n[8])
        (totals.tally.infos, totals.tally.broken, totals.tally.backFilled) = (n[9], n[10], n[11])
        (totals.tally.paired, totals.tally.pairedBrokenBefore, totals.tally.pairedBrokenNow) = (n[12], n[13], n[14])
        (totals.tracesFailing, totals.assetUses, totals.fallbackUses, totals.overrideUses) = (
            n[15], n[16], n[17], n[18]
        )
        try p.element(&first, of: what)
        try p.enterObject()
        var firstStage = true
        while let stage = try p.nextMember(&firstStage) { totals.tally.matrix[stage] = try p.readCounts() }
        try p.element(&first, of: what)
        totals.tally.noStageKinds = try p.readCounts()
        try p.element(&first, of: what)
        totals.tally.expectedMissing = try p.readCounts()
        try p.element(&first, of: what)
        for stage in try p.readStrings() where totals.tally.seenStages.insert(stage).inserted {
            totals.tally.extraStages.append(stage)
        }
        try p.element(&first, of: what)
        totals.findingKinds = try p.readCounts()
        try p.end(&first, of: what)
        return totals
    }
}

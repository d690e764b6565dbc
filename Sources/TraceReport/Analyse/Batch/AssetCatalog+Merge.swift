/// Merging catalogs built over consecutive runs of traces: the catalog of a run, added after the one
/// before it, is the catalog of both, as if every trace had been added one at a time in input order.
/// An incremental build takes an unchanged group of traces over as its stored catalog instead of adding
/// each trace's digest again.
extension AssetCatalog {
    /// Adds the traces `later` was built from, which come after every trace added so far.
    public mutating func merge(_ later: AssetCatalog) {
        // Each of `later`'s listed traces goes into this catalog's refs once, when a list first keeps it.
        var mapped = [Int32](repeating: -1, count: later.refs.refs.count)
        let refs = refs
        func map(_ p: Int32) -> Int32 {
            if mapped[Int(p)] < 0 { mapped[Int(p)] = refs.append(later.refs[p]) }
            return mapped[Int(p)]
        }
        for asset in later.list {
            let i = position(of: asset.key, kind: asset.kind)
            list[i].traces += asset.traces
            for display in asset.displays {
                let d: Int
                if let at = list[i].displayIndex.position(of: display.display) {
                    d = at
                } else {
                    list[i].displays.append(
                        Display(
                            display: display.display, name: display.name, version: display.version,
                            isFallback: display.isFallback))
                    d = list[i].displayIndex.append(display.display)
                }
                list[i].displays[d].traces.append(display.traces, of: refs, map)
                for stage in display.stages {
                    if let at = list[i].displays[d].stageIndex.position(of: stage.stage) {
                        list[i].displays[d].stages[at].count += stage.count
                    } else {
                        list[i].displays[d].stages.append(stage)
                        list[i].displays[d].stagesCountedIn.append(0)
                        list[i].displays[d].stageIndex.append(stage.stage)
                    }
                }
            }
            for stage in asset.stages {
                if let at = list[i].stageIndex.position(of: stage.name) {
                    list[i].stages[at].traces += stage.traces
                } else {
                    list[i].stages.append(stage)
                    list[i].stagesCountedIn.append(0)
                    list[i].stageIndex.append(stage.name)
                }
            }
            list[i].globalOnly.append(asset.globalOnly, of: refs, map)
            list[i].fallbacks.append(asset.fallbacks, of: refs, map)
            list[i].overrides.append(asset.overrides, of: refs, map)
        }
        // Counts remember the last trace they counted by number: the next trace added is numbered past
        // every trace of `later`, so none of the marks merged in can match it.
        serial += later.serial
    }
}

extension AssetCatalog.TraceList {
    /// Adds the traces of `later`, which come after this list's: counted, and kept while there is room,
    /// each placed in `refs` by `map`.
    mutating func append(_ later: Self, of refs: AssetCatalog.TraceRefs, _ map: (Int32) -> Int32) {
        count += later.count
        for position in later.positions where positions.count < AssetCatalog.listLimit {
            if self.refs == nil { self.refs = refs }
            positions.append(map(position))
        }
    }
}

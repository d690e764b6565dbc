/// Compares a trace's stages with its baseline's and names what changed.
/// Pure: the same two traces always give the same comparison.
public enum BaselineComparer {
    /// Aligns stages by name and occurrence and diffs each stage's assets by key.
    public static func compare(baseline: BaselineTrace, current: [StageReport]) -> TraceComparison {
        var remaining: [String: [StageReport]] = [:]
        for stage in baseline.stages { remaining[stage.name, default: []].append(stage) }
        var stages: [StageComparison] = []
        for after in current {
            let before = remaining[after.name]?.isEmpty == false ? remaining[after.name]!.removeFirst() : nil
            stages.append(compare(stage: after.name, before: before, after: after))
        }
        for before in baseline.stages where remaining[before.name]?.isEmpty == false {
            stages.append(compare(stage: before.name, before: remaining[before.name]!.removeFirst(), after: nil))
        }
        return TraceComparison(
            baselineID: baseline.traceID, baselineSource: baseline.source,
            baselineStageAssetsMissing: baseline.stageAssetsMissing, stages: stages)
    }

    static func compare(stage: String, before: StageReport?, after: StageReport?) -> StageComparison {
        let old = Dictionary((before?.assets ?? []).map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        let new = Dictionary((after?.assets ?? []).map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        let keys = Set(old.keys).union(new.keys).sorted { (isList($0), $0) < (isList($1), $1) }
        let changes = keys.map { key -> StageComparison.AssetChange in
            let change: StageComparison.Change
            switch (old[key], new[key]) {
            case (nil, _): change = .added
            case (_, nil): change = .removed
            case (let a?, let b?): change = a.display == b.display ? .unchanged : .changed
            }
            return .init(key: key, change: change, before: old[key], after: new[key])
        }
        return StageComparison(stage: stage, before: before, after: after, assets: changes)
    }

    private static func isList(_ key: String) -> Int { key.contains(":") ? 1 : 0 }

    /// The findings a comparison gives: added, removed and version-changed
    /// assets, fallbacks that appeared, and stages whose status got worse.
    public static func findings(_ comparison: TraceComparison) -> [Finding] {
        var findings: [Finding] = []
        let baseline = comparison.baselineID
        for stage in comparison.stages {
            for item in stage.assets {
                switch item.change {
                case .added:
                    findings.append(
                        Finding(
                            kind: .assetAdded, stage: stage.stage, asset: item.key,
                            message: "\(item.key) = \(item.after!.display) is new since baseline \(baseline)"))
                case .removed:
                    findings.append(
                        Finding(
                            kind: .assetRemoved, stage: stage.stage, asset: item.key,
                            message: "\(item.key) = \(item.before!.display) was in baseline \(baseline) and is gone"))
                case .changed, .unchanged:
                    let (before, after) = (item.before!, item.after!)
                    if let was = before.version, let now = after.version, was != now {
                        findings.append(
                            Finding(
                                kind: .assetVersionChanged, stage: stage.stage, asset: item.key,
                                message:
                                    "\(item.key) changed from \(before.display) to \(after.display) since baseline \(baseline)"
                            ))
                    }
                    if !before.isFallback && after.isFallback {
                        findings.append(
                            Finding(
                                kind: .fallbackIntroduced, stage: stage.stage, asset: item.key,
                                message:
                                    "\(item.key) came from the registry in baseline \(baseline) (\(before.display)) and from a fallback now (\(after.display))"
                            ))
                    }
                }
            }
            let (was, now) = (stage.before?.output?.status, stage.after?.output?.status)
            if was == "ok", let now, now == "warning" || now == "error" {
                findings.append(
                    Finding(
                        kind: .stageStatusRegressed, stage: stage.stage,
                        message: "the stage was ok in baseline \(baseline) and is \(now) now"))
            }
        }
        return findings
    }
}

/// What only the whole batch shows: `version-drift` (an asset at more than one version in
/// a stage, or from the registry and a fallback), and with a registry `asset-stale` (used at a
/// version older than the active one); also `asset-unpinned` (a registry asset with no version).
/// Each names its stage and asset; messages give trace counts and the first trace.
public enum BatchFindings {
    /// The findings of `catalog`, in key order, then in the order stages were first seen.
    public static func findings(_ catalog: AssetCatalog, registry: AssetRegistry? = nil) -> [Finding] {
        catalog.sorted.flatMap { findings($0, registry: registry) }
    }

    /// The findings of one asset.
    public static func findings(_ asset: AssetCatalog.Asset, registry: AssetRegistry?) -> [Finding] {
        var findings: [Finding] = []
        let key = asset.key
        // The slot's name when the key does not carry one (`prompt` holds several prompts across stages).
        let slot = AssetKey.split(key).name == nil
        for stage in asset.stages.map(\.name) {
            // Displays used in this stage, grouped by asset name: one name at several versions is drift.
            var byName: [(name: String, uses: [(label: String, count: Int, first: String)])] = []
            for display in asset.displays {
                guard let use = display.stages.first(where: { $0.stage == stage }) else { continue }
                let entry = (display.label, use.count, use.first)
                if let at = byName.firstIndex(where: { $0.name == display.name }) {
                    byName[at].uses.append(entry)
                } else {
                    byName.append((display.name, [entry]))
                }
            }
            for group in byName where Set(group.uses.map(\.label)).count > 1 {
                let uses = group.uses.enumerated().sorted {
                    ($1.element.count, $0.offset) < ($0.element.count, $1.offset)
                }.map(\.element)
                let counts = uses.map { "\($0.label) in \(TextFormat.count($0.count, "trace"))" }.joined(
                    separator: ", ")
                let subject = slot ? "\(key) \(group.name)" : key
                findings.append(
                    Finding(
                        kind: .versionDrift, stage: stage, asset: key,
                        message: "\(subject): \(counts) (first: \(uses.last!.first))"))
            }
            for display in asset.displays {
                guard let use = display.stages.first(where: { $0.stage == stage }) else { continue }
                let subject = slot ? "\(key) \(display.name)" : key
                if let version = display.version, !display.isFallback, let registry,
                    let active = registry.activeIfStale(kind: asset.kind, name: display.name, version: version)
                {
                    findings.append(
                        Finding(
                            kind: .assetStale, stage: stage, asset: key,
                            message:
                                "\(subject): v\(version) in \(TextFormat.count(use.count, "trace")), the registry's active version is v\(active) (first: \(use.first))"
                        ))
                }
                if display.version == nil, !display.isFallback {
                    findings.append(
                        Finding(
                            kind: .assetUnpinned, stage: stage, asset: key,
                            message:
                                "\(subject): recorded with no version in \(TextFormat.count(use.count, "trace")) (first: \(use.first))"
                        ))
                }
            }
        }
        return findings
    }

    /// `-: -: <stage>: <severity> <kind>: <message>`, the `check` line of a batch finding.
    public static func line(_ finding: Finding) -> String {
        "-: -: \(OneLine.escaped(finding.stage ?? "-")): \(finding.severity.rawValue) \(finding.kind.rawValue): \(OneLine.escaped(finding.message))"
    }
}

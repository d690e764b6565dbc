/// Reads a trace's stages against its global assets: per-stage entries and
/// coverage, how the global record reconciles with them, and the findings.
/// Pure: no disk, no clock.
public enum TraceAnalyser {
    /// The name shown for a stage the trace did not name.
    public static let unnamedStage = "(unnamed)"

    /// Analyses one trace, and compares it with its baseline when it has one.
    public static func analyse(_ loaded: LoadedTrace, baseline: BaselineTrace?, pairedBy rule: PairingRule = .traceID)
        -> TraceAnalysis
    {
        var analysis = analyse(loaded)
        guard let baseline else { return analysis }
        var comparison = BaselineComparer.compare(baseline: baseline, current: analysis.stages)
        comparison.pairedBy = rule
        analysis.comparison = comparison
        analysis.findings = ordered(analysis.findings + BaselineComparer.findings(comparison), stages: analysis.stages)
        return analysis
    }

    /// Analyses one trace.
    public static func analyse(_ loaded: LoadedTrace) -> TraceAnalysis {
        let trace = loaded.trace
        let formatter = AssetFormatter(for: trace)
        let globalEntries = trace.appliedAssets.map(formatter.entries(for:)) ?? []
        let stages = stageReports(trace, formatter, global: globalEntries)
        // A stage claims a global asset when it recorded one of the same kind with the same display, which the
        // orchestrator derives from the same info (a stage's `prompt` slot claims the global `prompt:<name>` entry
        // when the displays agree). One pass over the stages, then a lookup per global asset.
        var claims: [String: [Int]] = [:]
        for (i, stage) in stages.enumerated() {
            for asset in stage.assets where !asset.isInferred && claims[asset.claimKey]?.last != i {
                claims[asset.claimKey, default: []].append(i)
            }
        }
        var global = globalEntries.map { entry in
            GlobalAssetReconciliation(entry: entry, claimedBy: (claims[entry.claimKey] ?? []).map { stages[$0].name })
        }
        markSchemaAlias(&global)
        let findings = findings(trace: trace, stages: stages, global: global)
        return TraceAnalysis(
            loaded: loaded, stages: stages, global: global, findings: findings, ranNoStage: trace.ranNoStage)
    }

    /// Rows written while the orchestrator kept `schema` as an alias of `catalog` (for clients still
    /// reading `schema`) hold one asset under both keys: the alias is claimed whenever the catalog is.
    static func markSchemaAlias(_ global: inout [GlobalAssetReconciliation]) {
        guard let c = global.firstIndex(where: { $0.entry.key == "catalog" }),
            let s = global.firstIndex(where: { $0.entry.key == "schema" }),
            global[c].entry.isSameAsset(as: global[s].entry)
        else { return }
        let claimed = global[c].claimedBy + global[s].claimedBy.filter { !global[c].claimedBy.contains($0) }
        global[c].claimedBy = claimed
        global[s].claimedBy = claimed
        global[s].aliasOf = "catalog"
    }

    /// Stage inputs in order, each with the output of the same name and occurrence;
    /// outputs that no input matches follow as stages without recorded assets.
    static func stageReports(_ trace: Trace, _ formatter: AssetFormatter, global: [AssetEntry] = []) -> [StageReport] {
        // A stage display that only the trace-wide fallbacks[kind] flag marks takes its source from the global record of the same key.
        let known = Dictionary(
            global.filter { !$0.fallbackFromKindFlag }.map { ($0.key, $0.isFallback) },
            uniquingKeysWith: { first, _ in first })
        let settle = { (entry: AssetEntry) -> AssetEntry in
            guard entry.fallbackFromKindFlag, let definite = known[entry.key] else { return entry }
            var settled = entry
            settled.isFallback = definite
            settled.fallbackFromKindFlag = false
            return settled
        }
        var outputsByName: [String: [StageOutput]] = [:]
        var outputOrder: [String] = []
        for output in trace.stageOutputs ?? [] {
            let name = output.stage ?? unnamedStage
            if outputsByName[name] == nil { outputOrder.append(name) }
            outputsByName[name, default: []].append(output)
        }
        var reports: [StageReport] = []
        for input in trace.stageInputs ?? [] {
            let name = input.stage ?? unnamedStage
            let output = outputsByName[name]?.isEmpty == false ? outputsByName[name]!.removeFirst() : nil
            let assets = (input.appliedAssets ?? []).flatMap { formatter.entries(key: $0.key, value: $0.value) }.map(
                settle)
            let coverage: StageCoverage =
                input.appliedAssets == nil
                ? .missing : assets.isEmpty ? .empty : assets.contains { !$0.isInferred } ? .captured : .inferred
            reports.append(
                StageReport(
                    name: name, coverage: coverage, assets: sorted(assets), params: input.params,
                    prevOutput: input.prevOutput, output: output))
        }
        for name in outputOrder {
            for output in outputsByName[name] ?? [] {
                reports.append(StageReport(name: name, coverage: .missing, assets: [], output: output))
            }
        }
        return reports
    }

    /// Single slots (`prompt`) before list keys (`query:x`), each group by key.
    static func sorted(_ assets: [AssetEntry]) -> [AssetEntry] {
        assets.sorted { ($0.keyName != nil ? 1 : 0, $0.key) < ($1.keyName != nil ? 1 : 0, $1.key) }
    }

    static func findings(trace: Trace, stages: [StageReport], global: [GlobalAssetReconciliation]) -> [Finding] {
        var findings: [Finding] = []
        // What the trace recorded, apart from what an API export back-filled and the `schema` alias of `catalog`.
        let recordedGlobal = global.filter { !$0.entry.isInferred && $0.aliasOf == nil }
        let attributed = stages.contains { $0.assets.contains { !$0.isInferred } }
        let inferred = stages.contains { $0.assets.contains(where: \.isInferred) }
        if trace.ranNoStage {
            // A direct or reject answer, or an /ops/query row: no stage ran, so no stage could record anything.
        } else if inferred && !attributed {
            let filled = stages.filter { $0.coverage == .inferred }.map(\.name)
            findings.append(
                Finding(
                    kind: .stageAssetsInferred,
                    message:
                        "no stage recorded an asset: the inspector API's export back-filled \(filled.count) stage(s) (\(filled.joined(separator: ", "))) "
                        + "with \"source\": \"inferred\" guesses; read the rows themselves (db, or a psql JSON export of tb_execution_trace), which are the record"
                ))
        } else if !recordedGlobal.isEmpty && !attributed {
            let recorded =
                stages.isEmpty
                ? "the trace has no stage inputs" : "all \(stages.count) stages have empty or missing applied_assets"
            findings.append(
                Finding(
                    kind: .stageAssetsMissing,
                    message:
                        "global applied_assets hold \(recordedGlobal.count) assets, but no stage recorded any: \(recorded)"
                ))
        }
        if attributed {
            for item in recordedGlobal where item.claimedBy.isEmpty {
                findings.append(
                    Finding(
                        kind: .assetUnattributed, asset: item.entry.key,
                        message: "global asset \(item.entry.key) = \(item.entry.display) is claimed by no stage"))
            }
        }
        var flaggedKinds: Set<String> = []
        var seenNullSources: Set<String> = []
        func inspect(_ entry: AssetEntry, stage: String?, attribution: Bool = true) {
            guard !entry.isInferred else { return }
            if entry.sourceIsNull && seenNullSources.insert(entry.key).inserted {
                findings.append(
                    Finding(
                        kind: .assetSourceNull, stage: stage, asset: entry.key,
                        message:
                            "\(entry.key) has \"source\": null; the orchestrator counts it as a fallback, but the record may be incomplete"
                    ))
            }
            guard attribution else { return }
            if entry.isFallback {
                flaggedKinds.insert(entry.kind)
                findings.append(
                    Finding(
                        kind: .fallback, stage: stage, asset: entry.key,
                        message: "\(entry.key) = \(entry.display) came from a fallback, not the asset registry"))
            }
            if entry.isOverride {
                findings.append(
                    Finding(
                        kind: .override, stage: stage, asset: entry.key,
                        message: "\(entry.key) = \(entry.display) was set by request_payload.asset_overrides"))
            }
        }
        for stage in stages {
            for entry in stage.assets { inspect(entry, stage: stage.name) }
        }
        // Without stage attribution the global record is all there is; with it, only its null sources add anything.
        for item in global where item.aliasOf == nil { inspect(item.entry, stage: nil, attribution: !attributed) }
        let captured = Set(stages.flatMap { $0.assets.filter { !$0.isInferred }.map(\.kind) })
        // A trace that ran no stage holds its assets globally: the expectation is met there.
        let met = trace.ranNoStage ? Set(recordedGlobal.map(\.entry.kind)) : captured
        for kind in trace.expectedAssets where !met.contains(kind) {
            let holder = trace.ranNoStage ? "the trace (which ran no stage) holds none" : "no stage captured one"
            findings.append(
                Finding(
                    kind: .expectedAssetMissing, asset: kind,
                    message: "the request expected a \(kind) asset (request_payload.expected_assets), but \(holder)"))
        }
        // The writer sets `fallbacks[kind]` for every kind whose slot holds no registry asset, empty slots included:
        // a flag speaks only for a kind that holds an asset somewhere in the trace.
        var held = Set(recordedGlobal.map(\.entry.kind) + captured)
        if held.contains("catalog") || held.contains("schema") { held.formUnion(["catalog", "schema"]) }
        for (kind, flag) in trace.fallbacks.sorted(by: { $0.key < $1.key })
        where flag && held.contains(kind) && !flaggedKinds.contains(kind) {
            if (kind == "schema" && flaggedKinds.contains("catalog"))
                || (kind == "catalog" && flaggedKinds.contains("schema"))
            {
                continue
            }
            findings.append(
                Finding(
                    kind: .fallback, asset: kind,
                    message: "fallbacks.\(kind) is true: a \(kind) came from a fallback, but no recorded asset shows it"
                ))
        }
        findings += shapeFindings(trace: trace, stages: stages)
        for issue in trace.fieldIssues {
            findings.append(Finding(kind: .fieldWrongType, message: "\(issue.path): \(issue.reason)"))
        }
        return ordered(findings, stages: stages)
    }

    /// A `stage-assets-shape` warning for every stage `applied_assets` value the orchestrator would not have written.
    static func shapeFindings(trace: Trace, stages: [StageReport]) -> [Finding] {
        var findings: [Finding] = []
        // Stage inputs come first among the reports, in the same order.
        for (input, stage) in zip(trace.stageInputs ?? [], stages) {
            for (key, value) in input.appliedAssets ?? [] where !value.isExpectedShape {
                let place = "applied_assets[\(JSONValue.string(key).compactJSON)]"
                let message: String
                switch value {
                case .list(let items):
                    let odd = items.filter { !$0.isExpectedShape }.count
                    message =
                        "\(place) holds a list of \(items.count) where the orchestrator writes one display string per key: read as one asset per element"
                        + (odd == 0
                            ? "" : " (\(odd) of them neither a display string nor an asset object, shown as JSON text)")
                case .unexpected(let json):
                    message =
                        "\(place) holds \(json.typeDescription) where a display string belongs: shown as JSON text (\(AssetFormatter.jsonText(value)))"
                case .display, .info:
                    continue
                }
                findings.append(Finding(kind: .stageAssetsShape, stage: stage.name, asset: key, message: message))
            }
        }
        return findings
    }

    /// Most severe first, then in stage order (trace-level findings first), then as found.
    static func ordered(_ findings: [Finding], stages: [StageReport]) -> [Finding] {
        let stageRank = Dictionary(stages.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        return findings.enumerated().sorted { a, b in
            let ra = (a.element.severity, a.element.stage.flatMap { stageRank[$0] } ?? -1, a.offset)
            let rb = (b.element.severity, b.element.stage.flatMap { stageRank[$0] } ?? -1, b.offset)
            return ra < rb
        }.map(\.element)
    }
}

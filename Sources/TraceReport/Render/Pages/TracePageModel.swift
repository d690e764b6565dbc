/// What `trace.mustache` sees. Every string is plain text: the Markdown
/// content type escapes it on insertion. Fields read with `{{{…}}}` are
/// Markdown or HTML built here from our own constants, never from a trace.
struct TracePageModel: TemplateFields {
    nonisolated(unsafe) static let fields = FieldTable<Self>([
        "noStagesText": { $0.noStagesText.templateValue }, "assetIDs": { $0.assetIDs.templateValue },
        "traceID": { $0.traceID.templateValue }, "verdict": { $0.verdict.templateValue },
        "comparison": { $0.comparison.templateValue }, "unpaired": { $0.unpaired.templateValue },
        "question": { $0.question.templateValue },
        "questionInLanguage": { $0.questionInLanguage.templateValue }, "route": { $0.route.templateValue },
        "status": { $0.status.templateValue }, "duration": { $0.duration.templateValue },
        "created": { $0.created.templateValue }, "parent": { $0.parent.templateValue },
        "context": { $0.context.templateValue }, "source": { $0.source.templateValue },
        "hasStages": { $0.hasStages.templateValue }, "stages": { $0.stages.templateValue },
        "hasFindings": { $0.hasFindings.templateValue }, "noFindingsText": { $0.noFindingsText.templateValue },
        "findings": { $0.findings.templateValue },
        "hasGlobal": { $0.hasGlobal.templateValue }, "global": { $0.global.templateValue },
        "truncationNote": { $0.truncationNote.templateValue }, "repeated": { $0.repeated.templateValue },
    ])

    let traceID: String
    /// For a trace whose id an earlier trace of the build has too: which one it is and where it was read
    /// (`2nd with this id, traces.jsonl:14`), so the pages of traces sharing an id are told apart.
    let repeated: String?
    let verdict: String?
    let comparison: Comparison?
    let unpaired: Bool
    let question: String
    /// The question escaped, with its language for the HTML page (`Language`).
    let questionInLanguage: String
    let route: String
    let status: String
    let duration: String
    let created: String
    let parent: String?
    let context: String?
    let source: String
    let hasStages: Bool
    /// What the page says where a trace shows no stage.
    let noStagesText: String
    /// `asset_versions`: despite the name, the ids of the registry assets the request used (a prompt republished
    /// in place keeps its id); nil when the row holds none.
    let assetIDs: String?
    let stages: [Stage]
    let hasFindings: Bool
    /// What the page says when there is no finding: never a plain "No findings" when a stage recorded no assets.
    let noFindingsText: String
    let findings: [FindingRow]
    let hasGlobal: Bool
    let global: [GlobalRow]
    let truncationNote: String?

    /// Builds the model; `openDetails` for the site, closed for review attachments.
    /// `assetLinks` is the extension of the site's pages (`md` or `html`, or a marker swapped for both); nil links no asset.
    init(
        _ analysis: TraceAnalysis, openDetails: Bool, comparing: Bool = false, stageLimit: Int? = nil,
        truncationNote: String? = nil, assetLinks: String? = nil, registry: AssetRegistry? = nil, occurrence: Int = 1
    ) {
        let trace = analysis.trace
        traceID = trace.traceID
        repeated = Self.repeated(occurrence, source: analysis.loaded.source)
        verdict = Self.verdict(analysis)
        comparison = analysis.comparison.map(Self.comparison)
        unpaired = comparing && analysis.comparison == nil
        question = TextFormat.orDash(trace.question)
        questionInLanguage = Language.marked(question)
        route = TextFormat.orDash(trace.route)
        status = TextFormat.orDash(trace.status)
        duration = TextFormat.duration(trace.durationMS)
        created = TextFormat.orDash(trace.createdAt)
        parent = trace.parentTraceID
        let contextParts = [
            trace.method, trace.endpoint, trace.feature.map { "feature \($0)" }, trace.opsMode.map { "ops mode \($0)" },
        ]
        .compactMap { $0 }
        context = contextParts.isEmpty ? nil : contextParts.joined(separator: " · ")
        source = analysis.loaded.source
        let shown = stageLimit.map { Array(analysis.stages.prefix($0)) } ?? analysis.stages
        stages = shown.enumerated().map {
            Self.stage($1, number: $0 + 1, openDetails: openDetails, assetLinks: assetLinks)
        }
        hasStages = !analysis.stages.isEmpty
        noStagesText =
            analysis.ranNoStage
            ? "No stage ran: \(trace.route.map { "a \($0) answer" } ?? "this answer") runs no stage (stage_inputs and stage_outputs are empty), so no stage could record an asset, and none is missing. Its assets are the global ones below."
            : "The trace recorded no stages."
        assetIDs =
            trace.assetVersions.isEmpty
            ? nil
            : TextFormat.cut(
                trace.assetVersions.map { id in registry?.describe(id: id).map { "\(id) (\($0))" } ?? id }.joined(
                    separator: ", "), limit: 600)
        var stageNumbers: [String: Int] = [:]
        for (index, stage) in analysis.stages.enumerated() where stageNumbers[stage.name] == nil {
            stageNumbers[stage.name] = index + 1
        }
        findings = analysis.findings.map { finding in
            FindingRow(
                severityBadge: Badge.severity(finding.severity), kind: finding.kind.rawValue,
                stage: TextFormat.orDash(finding.stage.map { TextFormat.cut($0) }),
                asset: TextFormat.orDash(finding.asset.map { TextFormat.cut($0) }),
                message: TextFormat.cut(finding.message, limit: 600),
                stageAnchor: finding.stage.flatMap { stageNumbers[$0] }.map { "stage-\($0)" },
                assetPage: finding.asset.flatMap { asset in
                    assetLinks.map { "../" + AssetPagePath.page(for: asset) + "." + $0 }
                })
        }
        hasFindings = !findings.isEmpty
        let uncaptured = analysis.stages.filter { $0.coverage != .captured }.count
        noFindingsText =
            uncaptured == 0
            ? "No findings."
            : "No findings, but \(TextFormat.count(uncaptured, "stage")) of \(analysis.stages.count) recorded no assets of their own: see Stages."
        let unclaimed = analysis.ranNoStage ? Badge.noStages : Badge.unclaimed
        global = analysis.global.map {
            let stages = $0.claimedBy.map { TextFormat.cut($0) }.joined(separator: ", ")
            let claimedBy =
                $0.entry.isInferred
                ? "— (back-filled by the API export, not recorded)"
                : $0.aliasOf.map { "\(stages.isEmpty ? "—" : stages) (the same asset as \($0), kept under both keys)" }
                    ?? stages
            return GlobalRow(
                key: TextFormat.cut($0.entry.key), display: TextFormat.cut($0.entry.display),
                claimed: !$0.claimedBy.isEmpty || $0.entry.isInferred || $0.aliasOf != nil, claimedBy: claimedBy,
                unclaimedBadge: unclaimed)
        }
        hasGlobal = !global.isEmpty
        self.truncationNote = truncationNote
    }

    static func comparison(_ c: TraceComparison) -> Comparison {
        let badge = { (stage: StageReport?) in stage.map { Badge.coverage($0.coverage) } ?? Badge.notRun }
        let pair = { (a: String, b: String) in a == b ? a : "\(a) → \(b)" }
        return Comparison(
            baselineID: TextFormat.cut(c.baselineID, limit: 120), baselineSource: c.baselineSource,
            pairedBy: c.pairedBy.phrase,
            hasStages: !c.stages.isEmpty, hasRows: c.stages.contains { !$0.assets.isEmpty },
            stages: c.stages.map { s in
                Comparison.StageRow(
                    stage: TextFormat.cut(s.stage), beforeBadge: badge(s.before), afterBadge: badge(s.after),
                    added: s.keys(.added).count, removed: s.keys(.removed).count, changed: s.keys(.changed).count,
                    status: pair(
                        TextFormat.orDash(s.before?.output?.status), TextFormat.orDash(s.after?.output?.status)),
                    duration: pair(
                        TextFormat.duration(s.before?.output?.durationMS),
                        TextFormat.duration(s.after?.output?.durationMS)))
            },
            rows: c.stages.flatMap { s in
                s.assets.map { a in
                    Comparison.AssetRow(
                        stage: TextFormat.cut(s.stage), key: TextFormat.cut(a.key),
                        before: TextFormat.orDash(a.before.map { TextFormat.cut($0.display) }),
                        after: TextFormat.orDash(a.after.map { TextFormat.cut($0.display) }),
                        changeBadge: Badge.change(a.change))
                }
            })
    }

    static func verdict(_ analysis: TraceAnalysis) -> String? {
        if analysis.findings.contains(where: { $0.kind == .stageAssetsInferred }) {
            return
                "Stage assets back-filled by the API export: no stage recorded an asset; the \"inferred\" entries are guesses, not the record."
        }
        if analysis.findings.contains(where: { $0.kind == .stageAssetsMissing }) {
            return
                "Stage attribution missing: the trace's global assets were recorded, but no stage's applied_assets were."
        }
        let unattributed = analysis.findings.filter { $0.kind == .assetUnattributed }.count
        if unattributed > 0 {
            return "Partial attribution: \(TextFormat.count(unattributed, "global asset")) claimed by no stage."
        }
        return nil
    }

    static func stage(_ stage: StageReport, number: Int, openDetails: Bool, assetLinks: String? = nil) -> Stage {
        let output = stage.output
        var raw: [String: JSONValue] = [:]
        if let params = stage.params { raw["params"] = params }
        if let prev = stage.prevOutput { raw["prev_output"] = prev }
        if let refs = output?.references { raw["references"] = refs }
        if let flags = output?.emptyFlags { raw["empty_flags"] = flags }
        let note: String
        switch stage.coverage {
        case .captured: note = ""
        case .empty: note = "applied_assets is empty: the stage recorded no assets."
        case .missing: note = "applied_assets is missing: the stage input carries no asset record."
        case .inferred:
            note =
                "applied_assets holds only what the inspector API's export back-filled (\"source\": \"inferred\"): the stage recorded nothing."
        }
        return Stage(
            number: number, name: TextFormat.cut(stage.name), anchor: "stage-\(number)",
            coverageBadge: Badge.coverage(stage.coverage),
            coverageNote: note, assetCount: stage.assets.count, hasAssets: !stage.assets.isEmpty,
            assets: stage.assets.map {
                Asset(
                    key: TextFormat.cut($0.key), display: TextFormat.cut($0.display),
                    version: TextFormat.orDash($0.version.map { TextFormat.cut($0) }), fallback: $0.isFallback,
                    inferred: $0.isInferred, override: $0.isOverride,
                    page: assetLinks.map { [key = $0.key] ext in "../" + AssetPagePath.page(for: key) + "." + ext })
            },
            status: TextFormat.orDash(output?.status), duration: TextFormat.duration(output?.durationMS),
            outputCounts: output?.counts.map { TextFormat.cut($0.compactJSON) },
            warnings: (output?.warnings ?? []).map { TextFormat.cut($0, limit: 600) },
            errors: (output?.errors ?? []).map { TextFormat.cut($0, limit: 600) },
            paramsBlock: raw.isEmpty
                ? nil
                : MarkdownEscaper.codeBlock(
                    TextFormat.cut(JSONValue.object(raw).prettyJSON, limit: 20_000), info: "json"),
            detailsAttribute: openDetails ? " open" : "",
            detailsOpen: openDetails
                ? HTMLOnly.wrap("<details open><summary>Assets, output and parameters</summary>")
                : "<details><summary>Assets, output and parameters</summary>",
            detailsClose: HTMLOnly.unlessAttachment("</details>", site: openDetails),
            rawOpen: HTMLOnly.unlessAttachment(
                "<details><summary>Raw parameters, previous output and references</summary>", site: openDetails),
            rawClose: HTMLOnly.unlessAttachment("</details>", site: openDetails))
    }

    /// `2nd with this id, traces.jsonl:14` for the second and later traces with one id; nil for the first.
    static func repeated(_ occurrence: Int, source: String) -> String? {
        guard occurrence > 1 else { return nil }
        return "\(TextFormat.ordinal(occurrence)) with this id, \(source)"
    }
}

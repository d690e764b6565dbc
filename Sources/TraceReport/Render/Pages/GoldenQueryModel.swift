/// What `golden.mustache` sees: one golden query — its question and baseline, and its runs
/// newest first, each with both judgments, the judge's inputs side by side and the per-stage
/// assets before and after that the judge never sees.
struct GoldenQueryModel: TemplateFields {
    nonisolated(unsafe) static let fields = FieldTable<Self>([
        "name": { $0.name.templateValue }, "question": { $0.question.templateValue },
        "questionInLanguage": { $0.questionInLanguage.templateValue },
        "opsType": { $0.opsType.templateValue }, "enabled": { $0.enabled.templateValue },
        "baseline": { $0.baseline.templateValue }, "goldenHome": { $0.goldenHome.templateValue },
        "home": { $0.home.templateValue }, "runs": { $0.runs.templateValue },
        "hasRuns": { $0.hasRuns.templateValue }, "generated": { $0.generated.templateValue },
    ])

    struct Run: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "id": { $0.id.templateValue }, "anchor": { $0.anchor.templateValue },
            "created": { $0.created.templateValue }, "triggeredBy": { $0.triggeredBy.templateValue },
            "recorded": { $0.recorded.templateValue }, "recordedReason": { $0.recordedReason.templateValue },
            "recomputed": { $0.recomputed.templateValue },
            "recomputedReason": { $0.recomputedReason.templateValue },
            "blindSpot": { $0.blindSpot.templateValue }, "baseline": { $0.baseline.templateValue },
            "candidate": { $0.candidate.templateValue }, "inputs": { $0.inputs.templateValue },
            "stages": { $0.stages.templateValue }, "hasStages": { $0.hasStages.templateValue },
        ])
        let id: String
        let anchor: String
        let created: String
        let triggeredBy: String
        let recorded: String
        let recordedReason: String
        let recomputed: String
        let recomputedReason: String
        let blindSpot: String?
        let baseline: Link
        let candidate: Link
        let inputs: [InputRow]
        let stages: [StageRow]
        let hasStages: Bool
    }

    /// A trace: linked when it has a page, named when it is not stored.
    struct Link: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "text": { $0.text.templateValue }, "href": { $0.href.templateValue },
            "missing": { $0.missing.templateValue },
        ])
        let text: String
        let href: String?
        let missing: Bool
    }

    /// One judge input, baseline beside candidate.
    struct InputRow: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "input": { $0.input.templateValue }, "before": { $0.before.templateValue },
            "after": { $0.after.templateValue },
        ])
        let input: String
        let before: String
        let after: String
    }

    /// One stage asset key before and after.
    struct StageRow: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "stage": { $0.stage.templateValue }, "coverage": { $0.coverage.templateValue },
            "key": { $0.key.templateValue }, "before": { $0.before.templateValue },
            "after": { $0.after.templateValue }, "change": { $0.change.templateValue },
        ])
        let stage: String
        let coverage: String
        let key: String
        let before: String
        let after: String
        let change: String
    }

    let name: String
    let question: String
    /// The question escaped, with its language for the HTML page (`Language`).
    let questionInLanguage: String
    let opsType: String
    let enabled: String
    let baseline: String
    let goldenHome: String
    let home: String
    let runs: [Run]
    let hasRuns: Bool
    let generated: String?

    init(_ report: GoldenQueryReport, generated: String?, pageExtension: String) {
        let query = report.query
        name = TextFormat.cut(query.name.isEmpty ? query.id : query.name, limit: 120)
        question = TextFormat.cut(query.queryText, limit: 600)
        questionInLanguage = Language.marked(question)
        opsType = TextFormat.orDash(query.opsType.isEmpty ? nil : TextFormat.cut(query.opsType, limit: 40))
        enabled = query.enabled ? "yes" : "no"
        baseline =
            report.baseline.map {
                TextFormat.cut($0.baselineTraceID, limit: 120) + ($0.createdAt.map { ", pinned " + $0 } ?? "")
            } ?? "none recorded"
        goldenHome = "index." + pageExtension
        home = "../" + IndexPageModel.pageName(1) + "." + pageExtension
        hasRuns = !report.runs.isEmpty
        self.generated = generated
        runs = report.runs.reversed().map { Self.run($0, pageExtension: pageExtension) }
    }

    static func link(_ trace: GoldenTrace?, id: String, pageExtension: String) -> Link {
        Link(
            text: TextFormat.cut(id, limit: 120),
            href: trace.flatMap { $0.name.isEmpty ? nil : "../" + PageNamer.tracePage($0.name) + "." + pageExtension },
            missing: trace == nil)
    }

    static func run(_ run: GoldenQueryReport.Run, pageExtension: String) -> Run {
        let stages = (run.stageChanges?.stages ?? []).flatMap { stage -> [StageRow] in
            let coverage =
                (stage.before.map { Badge.coverage($0.coverage) } ?? Badge.notRun) + " → "
                + (stage.after.map { Badge.coverage($0.coverage) } ?? Badge.notRun)
            let name = TextFormat.cut(stage.stage, limit: 60)
            if stage.assets.isEmpty {
                return [StageRow(stage: name, coverage: coverage, key: "—", before: "—", after: "—", change: "")]
            }
            return stage.assets.map { change in
                StageRow(
                    stage: name, coverage: coverage, key: TextFormat.cut(change.key),
                    before: change.before.map { TextFormat.cut($0.display) } ?? "—",
                    after: change.after.map { TextFormat.cut($0.display) } ?? "—",
                    change: change.change == .unchanged ? "" : Badge.change(change.change))
            }
        }
        return Run(
            id: TextFormat.cut(run.run.id, limit: 120), anchor: "run-" + AssetPagePath.segment(run.run.id),
            created: TextFormat.orDash(run.run.createdAt), triggeredBy: TextFormat.orDash(run.run.triggeredBy),
            recorded: Badge.judgment(run.run.judgment),
            recordedReason: TextFormat.cut(run.run.verdictReason ?? "—", limit: 300),
            recomputed: run.recomputed.map { Badge.judgment($0.judgment.rawValue) } ?? Badge.notRun,
            recomputedReason: run.recomputed.map(\.reason)
                ?? "not judged again: the \(run.candidate == nil ? "candidate" : "baseline") trace is not stored",
            blindSpot: run.blindSpot.map { TextFormat.cut($0, limit: 600) },
            baseline: link(run.baseline, id: run.run.baselineTraceID, pageExtension: pageExtension),
            candidate: link(run.candidate, id: run.run.candidateTraceID, pageExtension: pageExtension),
            inputs: inputs(run), stages: stages, hasStages: !stages.isEmpty)
    }

    /// The judge's inputs side by side, as it compares them.
    static func inputs(_ run: GoldenQueryReport.Run) -> [InputRow] {
        let b = run.baseline?.judge
        let c = run.candidate?.judge
        let side = { (inputs: JudgeInputs?, text: (JudgeInputs) -> String) in
            inputs.map { TextFormat.cut(text($0), limit: 300) } ?? "not stored"
        }
        let signatures = { (j: JudgeInputs) in
            j.steps.isEmpty ? "none" : j.steps.map(\.signatureText).joined(separator: ", ")
        }
        var rows = [
            InputRow(input: "status", before: side(b) { $0.status.text }, after: side(c) { $0.status.text }),
            InputRow(
                input: "asset_versions", before: side(b) { "\($0.assetVersions.count) ids" },
                after: side(c) { j in
                    "\(j.assetVersions.count) ids"
                        + (run.recomputed?.diff.assetsChanged == true ? ", changed" : ", same")
                }),
            InputRow(input: "tool calls", before: side(b, signatures), after: side(c, signatures)),
        ]
        if let diff = run.recomputed?.diff {
            let list = { (steps: [JudgeInputs.Step]) in
                steps.isEmpty ? "none" : steps.map(\.signatureText).joined(separator: ", ")
            }
            rows.append(
                InputRow(
                    input: "tool calls added / removed", before: "—",
                    after: list(diff.toolCallsAdded) + " / " + list(diff.toolCallsRemoved)))
        }
        rows += [
            InputRow(
                input: "tool calls failed", before: side(b) { "\($0.steps.filter(\.failed).count)" },
                after: side(c) { "\($0.steps.filter(\.failed).count)" }),
            InputRow(
                input: "plan intent", before: side(b) { $0.planIntent.text }, after: side(c) { $0.planIntent.text }),
            InputRow(
                input: "plan output", before: side(b) { $0.planOutput.compactJSON },
                after: side(c) { $0.planOutput.compactJSON }),
            InputRow(input: "answer blocks", before: side(b) { "\($0.blocks)" }, after: side(c) { "\($0.blocks)" }),
            InputRow(
                input: "references", before: side(b) { "\($0.references)" }, after: side(c) { "\($0.references)" }),
            InputRow(
                input: "UI render errors", before: side(b) { JSONValue.double($0.uiErrors).compactJSON },
                after: side(c) { JSONValue.double($0.uiErrors).compactJSON }),
        ]
        return rows
    }
}

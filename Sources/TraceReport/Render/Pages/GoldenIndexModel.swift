/// What `golden-index.mustache` sees: one row per golden query — its latest recorded and
/// recomputed judgments, a disagreement or blind spot marked, the stage coverage of its
/// baseline and latest candidate, its run count and a strip of past judgments.
struct GoldenIndexModel: TemplateFields {
    nonisolated(unsafe) static let fields = FieldTable<Self>([
        "summary": { $0.summary.templateValue }, "home": { $0.home.templateValue },
        "rows": { $0.rows.templateValue }, "hasRows": { $0.hasRows.templateValue },
        "generated": { $0.generated.templateValue },
    ])

    struct Row: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "name": { $0.name.templateValue }, "href": { $0.href.templateValue },
            "enabled": { $0.enabled.templateValue }, "recorded": { $0.recorded.templateValue },
            "recomputed": { $0.recomputed.templateValue }, "marks": { $0.marks.templateValue },
            "coverage": { $0.coverage.templateValue }, "runs": { $0.runs.templateValue },
            "strip": { $0.strip.templateValue },
        ])
        let name: String
        let href: String
        let enabled: String
        let recorded: String
        let recomputed: String
        /// Badges: blind spot, recorded differs, unverifiable.
        let marks: String
        /// Stages captured in the baseline → in the latest candidate.
        let coverage: String
        let runs: Int
        /// The last 20 judgments, oldest first.
        let strip: String
    }

    let summary: String
    let home: String
    let rows: [Row]
    let hasRows: Bool
    let generated: String?

    init(_ reports: [GoldenQueryReport], generated: String?, pageExtension: String) {
        let blind = reports.filter { $0.runs.last?.blindSpot != nil }.count
        let failing = reports.filter { $0.runs.last?.judgment == "FAIL" }.count
        summary =
            "\(TextFormat.count(reports.count, "golden query", "golden queries")): \(failing) failing, \(blind) passed by a judge blind to stage assets."
        home = "../" + IndexPageModel.pageName(1) + "." + pageExtension
        hasRows = !reports.isEmpty
        self.generated = generated
        rows = reports.map { report in
            let latest = report.runs.last
            var marks: [String] = []
            if latest?.blindSpot != nil { marks.append(Badge.span("error", "blind spot")) }
            if latest?.recordedDiffers == true { marks.append(Badge.span("warning", "recorded differs")) }
            if let latest, latest.recomputed == nil { marks.append(Badge.span("warning", "unverifiable")) }
            return Row(
                name: TextFormat.cut(report.query.name.isEmpty ? report.query.id : report.query.name, limit: 120),
                href: String(GoldenPagePath.page(for: report.query.id).dropFirst("golden/".count)) + "."
                    + pageExtension,
                enabled: report.query.enabled ? "yes" : "no",
                recorded: latest.map { Badge.judgment($0.run.judgment) } ?? Badge.notRun,
                recomputed: latest?.recomputed.map { Badge.judgment($0.judgment.rawValue) } ?? Badge.notRun,
                marks: marks.isEmpty ? "—" : marks.joined(separator: " "),
                coverage: latest.map(Self.coverage) ?? "—", runs: report.runs.count,
                strip: report.runs.isEmpty
                    ? "—" : report.runs.suffix(20).map { Badge.judgmentSign($0.judgment) }.joined(separator: " "))
        }
    }

    /// `5/5 → 0/5`: stages captured in the baseline and in the candidate.
    static func coverage(_ run: GoldenQueryReport.Run) -> String {
        let count = { (trace: GoldenTrace?) -> String in
            guard let stages = trace?.stages.stages else { return "not stored" }
            return "\(stages.filter { $0.coverage == .captured }.count)/\(stages.count)"
        }
        return count(run.baseline) + " → " + count(run.candidate)
    }
}

/// The history section of the first index page: what changed since the last build, three
/// trend charts (coverage, failing traces, fallback share) and a table of the last builds.
struct HistoryView: TemplateFields {
    nonisolated(unsafe) static let fields = FieldTable<Self>([
        "change": { $0.change.templateValue }, "charts": { $0.charts.templateValue }, "rows": { $0.rows.templateValue },
        "builds": { $0.builds.templateValue },
    ])

    struct Row: TemplateFields {
        nonisolated(unsafe) static let fields = FieldTable<Self>([
            "build": { $0.build.templateValue }, "time": { $0.time.templateValue }, "input": { $0.input.templateValue },
            "traces": { $0.traces.templateValue },
            "coverage": { $0.coverage.templateValue }, "failing": { $0.failing.templateValue },
            "fallbackShare": { $0.fallbackShare.templateValue },
            "overrides": { $0.overrides.templateValue }, "drift": { $0.drift.templateValue },
        ])
        let build: Int
        let time: String
        let input: String
        let traces: Int
        let coverage: String
        let failing: Int
        let fallbackShare: String
        let overrides: Int
        let drift: Int
    }

    /// How many builds the table lists, newest first (the charts show them all).
    static let tableRows = 10

    /// `Since build 3 (2026-12-01T09:00Z): 3 more traces with stage-assets-missing, …`; nil for a first build.
    let change: String?
    /// The charts, one HTML block (no blank line in it, so Markdown keeps it whole), in the HTML page only:
    /// Markdown readers get the table below, not SVG markup (`PageText.expand`).
    let charts: String
    let rows: [Row]
    let builds: Int

    init(_ history: BuildHistory) {
        let entries = history.entries
        builds = entries.count
        change = entries.count > 1 ? Self.change(from: entries[entries.count - 2], to: entries[entries.count - 1]) : nil
        charts =
            "\u{4}<div class=\"trends\">"
            + HistoryChart.svg(entries.map(\.coverage), label: "Stage coverage", format: TextFormat.share, maximum: 1)
            + HistoryChart.svg(
                entries.map { Double($0.tracesFailing) }, label: "Failing traces", format: { String(Int($0)) })
            + HistoryChart.svg(entries.map(\.fallbackShare), label: "Fallback share", format: TextFormat.share)
            + "</div>\u{5}"
        rows = entries.suffix(Self.tableRows).reversed().map {
            Row(
                build: $0.build, time: $0.time.map(Self.shortTime) ?? "—", input: TextFormat.cut($0.input, limit: 120),
                traces: $0.traces,
                coverage: TextFormat.share($0.coverage), failing: $0.tracesFailing,
                fallbackShare: TextFormat.share($0.fallbackShare),
                overrides: $0.overrides, drift: $0.drift)
        }
    }

    /// `2026-12-01T09:00Z` from `2026-12-01T09:00:00Z`.
    static func shortTime(_ time: String) -> String {
        time.hasSuffix(":00Z") && time.count == 20 ? String(time.dropLast(4)) + "Z" : time
    }

    static func change(from before: HistoryEntry, to now: HistoryEntry) -> String {
        let since = "Since build \(before.build)" + (before.time.map { " (\(shortTime($0)))" } ?? "")
        var parts: [String] = []
        func counted(_ delta: Int, _ one: String, _ many: String) {
            if delta != 0 {
                parts.append("\(abs(delta)) \(delta > 0 ? "more" : "fewer") \(abs(delta) == 1 ? one : many)")
            }
        }
        counted(
            now.stageAssetsMissing - before.stageAssetsMissing, "trace with stage-assets-missing",
            "traces with stage-assets-missing")
        counted(now.tracesFailing - before.tracesFailing, "failing trace", "failing traces")
        counted(now.traces - before.traces, "trace", "traces")
        if TextFormat.share(now.coverage) != TextFormat.share(before.coverage) {
            parts.append("stage coverage \(TextFormat.share(before.coverage)) → \(TextFormat.share(now.coverage))")
        }
        if TextFormat.share(now.fallbackShare) != TextFormat.share(before.fallbackShare) {
            parts.append(
                "fallback share \(TextFormat.share(before.fallbackShare)) → \(TextFormat.share(now.fallbackShare))")
        }
        counted(now.drift - before.drift, "drifting asset", "drifting assets")
        return since + ": " + (parts.isEmpty ? "no change." : parts.joined(separator: ", ") + ".")
    }
}

/// `check --summary FILE`: the batch as a Markdown job summary (GitHub's `$GITHUB_STEP_SUMMARY`,
/// a GitLab or Azure summary, a review comment): the verdict and totals, the failing traces
/// first, the other findings by kind, batch findings and unreadable inputs; trace names link
/// to the published site when its URL is given. At most `limit` bytes (GitHub's 1 MiB): rows
/// that do not fit are counted in a note, always the same ones for the same input.
/// Trace text goes through `MarkdownEscaper`, as on every page.
public enum CheckSummary {
    /// 1 MiB: what GitHub accepts for one step's summary.
    public static let limit = 1_048_576

    public static func render(
        _ result: CheckResult, failOn: Set<FindingKind>, siteURL: String?, limit: Int = CheckSummary.limit
    ) -> String {
        var doc = Budgeted(limit: limit)
        // The failing findings of each trace, by its position in input order.
        var byTrace: [Int: [CheckResult.Entry]] = [:]
        for entry in result.entries where entry.failing {
            if let t = entry.trace { byTrace[t, default: []].append(entry) }
        }
        let verdict = result.exitStatus == 0 ? "✅ passed" : result.failing > 0 ? "❌ failed" : "⚠️ input errors"
        doc.line("## tracereport check \(verdict)")
        doc.line("")
        doc.line("| Traces | Findings | Failing findings | Failing traces | Allowed | Input errors |")
        doc.line("|---:|---:|---:|---:|---:|---:|")
        doc.line(
            "| \(result.traces) | \(result.entries.count) | \(result.failing) | \(byTrace.count) | \(result.allowed) | \(result.errors.count) |"
        )
        doc.line("")
        doc.line("Failing kinds: " + failOn.map { "`\($0.rawValue)`" }.sorted().joined(separator: ", ") + ".")
        if let siteURL { doc.line("The report: [\(MarkdownEscaper.escape(siteURL))](<\(siteURL)/index.html>).") }

        // Page names as the build gives them: the same traces in the same order.
        var namer = PageNamer()
        let pages = result.checked.map { namer.name(for: $0.traceID) }
        let failingOrder = byTrace.keys.sorted()
        if !failingOrder.isEmpty {
            doc.line("")
            doc.line("### Failing traces")
            doc.line("")
            doc.line("| Trace | Source | Failing findings |")
            doc.line("|---|---|---|")
            for (shown, t) in failingOrder.enumerated() {
                let checked = result.checked[t]
                let name = MarkdownEscaper.escape(checked.traceID)
                let trace = siteURL.map { "[\(name)](<\($0)/traces/\(pages[t]).html>)" } ?? name
                let entries = byTrace[t]!
                let first = entries[0]
                var cell =
                    "`\(first.kind)` "
                    + MarkdownEscaper.escape((first.stage ?? "-") + ": " + TextFormat.cut(first.message, limit: 300))
                if entries.count > 1 { cell += " (+\(entries.count - 1) more)" }
                let row = "| \(trace) | \(MarkdownEscaper.escape(checked.source)) | \(cell) |"
                guard doc.fits(row) else {
                    doc.cut(
                        "\(failingOrder.count - shown) more failing traces are not listed: the summary stops at \(limit) bytes. `tracereport check` prints them all."
                    )
                    return doc.text
                }
                doc.line(row)
            }
        }

        var kinds: [(kind: String, severity: Severity, count: Int, traces: Set<Int>)] = []
        var kindAt: [String: Int] = [:]
        for entry in result.entries where !entry.failing && entry.trace != nil {
            if let at = kindAt[entry.kind] {
                kinds[at].count += 1
                kinds[at].traces.insert(entry.trace!)
            } else {
                kindAt[entry.kind] = kinds.count
                kinds.append((entry.kind, entry.severity, 1, [entry.trace!]))
            }
        }
        if !kinds.isEmpty {
            doc.line("")
            doc.line("### Other findings")
            doc.line("")
            doc.line("| Kind | Severity | Findings | Traces |")
            doc.line("|---|---|---:|---:|")
            for k in kinds.sorted(by: { ($0.severity, $0.kind) < ($1.severity, $1.kind) }) {
                doc.line("| `\(k.kind)` | \(k.severity.rawValue) | \(k.count) | \(k.traces.count) |")
            }
        }

        let batch = result.entries.filter { $0.trace == nil }
        if !batch.isEmpty {
            doc.line("")
            doc.line("### Batch findings")
            doc.line("")
            for (shown, entry) in batch.enumerated() {
                var item =
                    "- \(entry.failing ? "❌" : entry.allowedBy != nil ? "☑️ allowed" : "⚠️") `\(entry.kind)` "
                    + MarkdownEscaper.escape(
                        (entry.stage ?? entry.source ?? "-") + ": " + TextFormat.cut(entry.message, limit: 300))
                if let reason = entry.allowedBy { item += " (" + MarkdownEscaper.escape(reason) + ")" }
                guard doc.fits(item) else {
                    doc.cut(
                        "\(batch.count - shown) more batch findings are not listed: the summary stops at \(limit) bytes."
                    )
                    return doc.text
                }
                doc.line(item)
            }
        }
        if !result.errors.isEmpty {
            doc.line("")
            doc.line("### Input errors")
            doc.line("")
            for (shown, error) in result.errors.enumerated() {
                let item =
                    "- " + MarkdownEscaper.escape(TextFormat.cut(error.errorDescription ?? error.reason, limit: 600))
                guard doc.fits(item) else {
                    doc.cut(
                        "\(result.errors.count - shown) more input errors are not listed: the summary stops at \(limit) bytes."
                    )
                    return doc.text
                }
                doc.line(item)
            }
        }
        return doc.text
    }

    /// Lines added while they fit in `limit` UTF-8 bytes, keeping room for the cut note.
    struct Budgeted {
        let limit: Int
        private(set) var text = ""
        private var bytes = 0
        /// Room kept for the note that says what was cut.
        static let noteRoom = 400

        init(limit: Int) { self.limit = limit }

        func fits(_ line: String) -> Bool { bytes + line.utf8.count + 1 <= limit - Self.noteRoom }

        mutating func line(_ line: String) {
            text += line + "\n"
            bytes += line.utf8.count + 1
        }

        mutating func cut(_ note: String) {
            line("")
            line("*Cut: " + note + "*")
        }
    }
}

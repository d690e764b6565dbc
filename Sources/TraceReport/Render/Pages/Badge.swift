/// The small labelled spans the templates show for coverage and severity.
/// Their HTML is ours: class and label come from enums, never from a trace.
/// Coverage and severity labels carry a sign as well as a colour, so they keep their meaning
/// where the class is stripped (a GitHub comment, a terminal): `✅ captured`, `⚠️ empty`, `❌ missing`.
public enum Badge {
    /// `<span class="badge captured">✅ captured</span>`.
    public static func coverage(_ coverage: StageCoverage) -> String {
        span(coverage.rawValue, sign(coverage) + " " + coverage.rawValue)
    }

    /// `<span class="badge error">❌ error</span>`.
    public static func severity(_ severity: Severity) -> String {
        span(severity.rawValue, sign(severity) + " " + severity.rawValue)
    }

    static func sign(_ coverage: StageCoverage) -> String {
        switch coverage {
        case .captured: "✅"
        case .empty: "⚠️"
        case .missing: "❌"
        case .inferred: "❓"
        }
    }

    static func sign(_ severity: Severity) -> String {
        switch severity {
        case .error: "❌"
        case .warning: "⚠️"
        case .info: "ℹ️"
        }
    }

    /// How an asset changed against the baseline.
    public static func change(_ change: StageComparison.Change) -> String { span(change.rawValue, change.rawValue) }

    /// A trace that ran no stage at all (a direct or reject answer, an `/ops/query` row).
    public static let noStages = span("nostages", "➖ no stages")

    /// The cell for a stage a trace did not run.
    public static let notRun = span("none", "—")

    /// A global asset no stage claims.
    public static let unclaimed = span("empty", "no stage")

    /// A trace without findings.
    public static let clean = span("clean", "none")

    /// Several occurrences of a stage that disagree.
    public static let mixed = span("missing", "mixed")

    /// An asset key seen at more than one version in the batch.
    public static let drift = span("warning", "drift")

    /// A stage × kind matrix cell, shaded by the share of traces that captured the kind there (0 to 4).
    public static func shaded(_ count: Int, of total: Int) -> String {
        let level = total == 0 || count == 0 ? 0 : min(4, 1 + count * 4 / (total + 1))
        return "<span class=\"cell shade-\(level)\">\(count)</span>"
    }

    /// A golden run's judgment: `✅ PASS`, `⚠️ WARN`, `❌ FAIL`, anything else as text.
    static func judgment(_ judgment: String) -> String {
        switch judgment {
        case "PASS": span("captured", "✅ PASS")
        case "WARN": span("warning", "⚠️ WARN")
        case "FAIL": span("error", "❌ FAIL")
        // Recorded text of another kind: its letters and digits only, so it can carry no markup.
        default: span("none", String(judgment.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(20)))
        }
    }

    /// A judgment as one letter on its colour, for a strip of past runs (letters: no emoji font needed).
    static func judgmentSign(_ judgment: String) -> String {
        switch judgment {
        case "PASS": span("captured", "P")
        case "WARN": span("warning", "W")
        case "FAIL": span("error", "F")
        default: span("none", "·")
        }
    }

    static func span(_ cssClass: String, _ label: String) -> String {
        "<span class=\"badge \(cssClass)\">\(label)</span>"
    }
}

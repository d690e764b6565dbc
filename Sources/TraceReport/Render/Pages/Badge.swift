/// The labelled badges the templates show for coverage, severity and judgments: words first.
/// A badge is a word in Markdown (`captured`, `empty`, `missing`, `no stages`) and, in HTML, the same
/// word in a `<span>` whose class draws its colour and sign with CSS (no emoji font needed): one
/// scheme, where colour, sign and word agree. Class and word come from enums, never from a trace.
/// Templates get a badge as markers around class and word (`Badge.marked`), which `BadgeMarkers`
/// turns into either form; escaped text never holds the markers (control characters become
/// visible pictures).
public enum Badge {
    /// The coverage's word, drawn green (captured), amber (empty) or red (missing, inferred).
    public static func coverage(_ coverage: StageCoverage) -> String { span(coverage.rawValue, coverage.rawValue) }

    /// The severity's word, drawn red (error), amber (warning) or blue (info).
    public static func severity(_ severity: Severity) -> String { span(severity.rawValue, severity.rawValue) }

    /// How an asset changed against the baseline.
    public static func change(_ change: StageComparison.Change) -> String { span(change.rawValue, change.rawValue) }

    /// A trace that ran no stage at all (a direct or reject answer, an `/ops/query` row).
    public static let noStages = span("nostages", "no stages")

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
        return marked("cell shade-\(level)", String(count))
    }

    /// A golden run's judgment: `PASS` (green), `WARN` (amber), `FAIL` (red), anything else as text.
    static func judgment(_ judgment: String) -> String {
        switch judgment {
        case "PASS": span("captured", "PASS")
        case "WARN": span("warning", "WARN")
        case "FAIL": span("error", "FAIL")
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

    static func span(_ cssClass: String, _ label: String) -> String { marked("badge " + cssClass, label) }

    /// `label` with the classes its HTML `<span>` gets: U+0001 classes U+0002 label U+0003.
    static func marked(_ classes: String, _ label: String) -> String { "\u{1}\(classes)\u{2}\(label)\u{3}" }
}

/// Small, deterministic text formatting shared by the page models.
public enum TextFormat {
    /// The longest value shown in a table cell before it is cut.
    public static let cellLimit = 240

    /// `text` cut to `limit` characters with a visible note; the full value stays in `summary.json`.
    public static func cut(_ text: String, limit: Int = cellLimit) -> String {
        // No more bytes than the limit is no more characters: counting characters walks the whole text.
        guard text.utf8.count > limit else { return text }
        let count = text.count
        guard count > limit else { return text }
        let kept = text.prefix(limit)
        return "\(kept)… [cut: \(count - limit) more characters; the full value is in summary.json]"
    }

    /// Milliseconds as `850 ms`, `12.5 ms` or `2.4 s`; `—` when unknown.
    public static func duration(_ ms: Double?) -> String {
        guard let ms, ms.isFinite else { return "—" }
        if ms >= 10_000 { return decimal(ms / 1000) + " s" }
        return decimal(ms) + " ms"
    }

    /// One decimal at most, no trailing `.0`.
    static func decimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths.magnitude >= 1e15 { return String(value) }
        let whole = Int(tenths) / 10
        let fraction = abs(Int(tenths) % 10)
        return fraction == 0 ? String(whole) : "\(whole).\(fraction)"
    }

    /// `1 error`, `2 warnings`.
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// `3.2%` of a total (`0%` of none).
    static func percent(_ n: Int, of total: Int) -> String {
        guard total > 0 else { return "0%" }
        return decimal(Double(n) * 100 / Double(total)) + "%"
    }

    /// `95.5%` for a share from 0 to 1, always one decimal (trends compare at a glance).
    static func share(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`, …
    static func ordinal(_ n: Int) -> String {
        let suffix =
            (11...13).contains(n % 100) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th"
        return "\(n)\(suffix)"
    }

    /// A value or `—` when missing or empty.
    static func orDash(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "—" }
        return text
    }
}

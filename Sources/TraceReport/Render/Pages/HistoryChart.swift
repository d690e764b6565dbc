/// A trend over builds as a static inline SVG: a line with a dot per build, its first and
/// last values, scaled to the series. No script, no style attribute (the CSP allows
/// neither): presentation attributes and the stylesheet's `.trend` rules only; the SVG
/// scales to its box, so it reads at 390 px as at 1280. Every value in it is a number
/// tracereport computed, never text from a trace.
enum HistoryChart {
    static let width = 320.0
    static let height = 120.0
    static let margin = 14.0

    /// The figure for `values` (one per build, oldest first), `label` its caption and accessible name,
    /// `format` how a value is written (`95.5%`, `3`).
    static func svg(_ values: [Double], label: String, format: (Double) -> String, maximum: Double? = nil) -> String {
        let top = max(maximum ?? (values.max() ?? 1), values.max() ?? 0, 1e-9)
        let n = values.count
        let step = n > 1 ? (width - 2 * margin) / Double(n - 1) : 0
        func x(_ i: Int) -> String { number(n > 1 ? margin + Double(i) * step : width / 2) }
        func y(_ v: Double) -> String { number(height - margin - (v / top) * (height - 2 * margin)) }
        let points = values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
        let last = values.last.map(format) ?? "-"
        let first = values.first.map(format) ?? "-"
        var svg = "<figure class=\"trend\">"
        svg +=
            "<svg viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"\(label): \(first) to \(last) over \(n) builds\">"
        svg += "<title>\(label): \(first) to \(last) over \(n) builds</title>"
        svg +=
            "<line class=\"axis\" x1=\"\(number(margin))\" y1=\"\(number(height - margin))\" x2=\"\(number(width - margin))\" y2=\"\(number(height - margin))\" stroke=\"currentColor\" stroke-width=\"1\" opacity=\"0.4\"/>"
        if n > 1 { svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>" }
        for (i, v) in values.enumerated() {
            svg += "<circle cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"3\" fill=\"currentColor\"/>"
        }
        svg += "<text x=\"\(number(margin))\" y=\"11\" font-size=\"11\" fill=\"currentColor\">\(first)</text>"
        svg +=
            "<text x=\"\(number(width - margin))\" y=\"11\" font-size=\"11\" fill=\"currentColor\" text-anchor=\"end\">\(last)</text>"
        svg += "</svg><figcaption>\(label)</figcaption></figure>"
        return svg
    }

    /// A coordinate with at most one decimal, the same bytes on every machine.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : String(format: "%d.%d", tenths / 10, abs(tenths % 10))
    }
}

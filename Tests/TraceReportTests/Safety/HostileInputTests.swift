import Foundation
import PropertyBased
import Testing

@testable import TraceReport

/// Every field that reaches a page, filled with adversarial text: pages stay
/// valid, show the text as text, and hold no element, attribute or link from it.
@Suite("Hostile input: every field that reaches a page is shown as text")
struct HostileInputTests {
    static let text = Gen.element(of: MarkdownEscaperTests.hostileTokens).compactMap { $0 }.array(of: 1...8).map {
        $0.joined()
    }

    /// The elements and attributes tracereport's own pages use.
    static let tags: Set<String> = [
        "html", "head", "meta", "title", "link", "body", "header", "nav", "span", "main", "footer", "a", "h1", "h2",
        "h3", "p", "ul", "li",
        "strong", "em", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "pre", "code",
        "br", "hr", "!doctype",
    ]
    static let attributes: Set<String> = [
        "lang", "charset", "name", "content", "http-equiv", "rel", "href", "class", "id", "align", "open", "type",
        // A cell's column header, for narrow windows (`TableLabels`); a long id's whole text on its link.
        "data-label", "title",
    ]

    /// A trace with `values` in every field a page shows.
    static func trace(_ v: [String]) -> Trace {
        var trace = Trace(traceID: v[0])
        trace.question = v[1]
        trace.route = v[2]
        trace.status = v[3]
        trace.parentTraceID = v[4]
        trace.createdAt = v[5]
        trace.endpoint = v[6]
        trace.assetOverrides = ["prompt:\(v[7])": v[8]]
        trace.appliedAssets = GlobalAssets(
            slots: [("prompt", .info(AssetInfo(name: v[7], version: .int(2), source: .named("asset_registry"))))],
            lists: [("query", "queries", [AssetInfo(name: v[10], version: .string(v[9]), source: .named(v[11]))])])
        trace.stageInputs = [
            StageInput(
                stage: v[12], appliedAssets: [("prompt", .display(v[8])), ("query:\(v[10])", .display(v[13]))],
                params: .object([v[14]: .string(v[15])])),
            StageInput(stage: "execute", appliedAssets: [], params: nil),
        ]
        trace.stageOutputs = [
            StageOutput(stage: v[12], status: v[16], warnings: [v[17]], errors: [v[18]], durationMS: 5)
        ]
        return trace
    }

    func check(_ html: String, shows texts: [String]) {
        // The escaper's own empty comment after an `@` (it splits e-mail autolinks) is no content.
        let html = html.replacingOccurrences(of: "<!-- -->", with: "")
        let lowered = html.lowercased()
        let tagRegex = try! NSRegularExpression(pattern: "<(/?)([!a-z][a-z0-9-]*)([^>]*)>")
        let attrRegex = try! NSRegularExpression(pattern: "([a-z-]+)=\"([^\"]*)\"")
        for match in tagRegex.matches(in: lowered, range: NSRange(lowered.startIndex..., in: lowered)) {
            let name = String(lowered[Range(match.range(at: 2), in: lowered)!])
            #expect(Self.tags.contains(name), "element <\(name)> came from input")
            let attrs = String(lowered[Range(match.range(at: 3), in: lowered)!])
            for a in attrRegex.matches(in: attrs, range: NSRange(attrs.startIndex..., in: attrs)) {
                let attr = String(attrs[Range(a.range(at: 1), in: attrs)!])
                let value = String(attrs[Range(a.range(at: 2), in: attrs)!])
                #expect(Self.attributes.contains(attr), "attribute \(attr) came from input")
                if attr == "href" {
                    #expect(
                        value.hasPrefix("#stage-")
                            || ["../index.html", "../style.css", "style.css", "../favicon.svg", "favicon.svg"].contains(
                                value)
                            || value.hasPrefix("traces/") || value.hasPrefix("../assets/")
                            || value.hasPrefix("../traces/") || value.hasPrefix("../../")
                            || value.hasPrefix("../asset-traces/")
                            || value.hasPrefix("#display-")
                            || value.hasPrefix("#fallback") || value.hasPrefix("#override")
                            || value.hasPrefix("#global-only") || value == "assets/index.html"
                            || value.wholeMatch(of: /[A-Za-z0-9._\/-]+\.html/) != nil && !value.contains("//"),
                        "link \(value)")
                    #expect(!value.contains(":"), "no URL scheme in \(value)")
                }
            }
        }
        // Text content, tags removed and references decoded, holds every value as it was shown.
        let textContent = HTMLText.decode(
            html.replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(
                of: "<[^>]+>", with: "", options: .regularExpression))
        let squeezed = textContent.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
        for text in texts {
            let shown = HTMLText.shown(text).replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
                .trimmingCharacters(in: .whitespaces)
            if !shown.isEmpty { #expect(squeezed.contains(shown), "\(text.debugDescription) is shown") }
        }
        // Every table keeps its header's column count in every row.
        for table in html.components(separatedBy: "<table>").dropFirst() {
            let body = table.components(separatedBy: "</table>")[0]
            let rows = body.components(separatedBy: "<tr>").dropFirst()
            let counts = rows.map {
                $0.components(separatedBy: "<td").count - 1 + $0.components(separatedBy: "<th").count - 1
            }
            #expect(Set(counts).count <= 1, "a row lost or gained a cell: \(counts)")
        }
    }

    @Test("trace pages and the index from traces full of markup")
    func pages() async throws {
        let renderer = PageRenderer(templates: try TemplateSet.bundled())
        await propertyCheck(count: 150, input: Self.text.array(of: 19)) { (values: [String]) in
            let analysis = analyse(Self.trace(values))
            // The site page, with its links to asset pages: hostile asset keys are link text, never the href.
            guard let html = try? PageRenderer.placingHome(renderer.tracePage(analysis).html, indexPage: 3) else {
                Issue.record("rendering failed")
                return
            }
            #expect(String(data: Data(html.utf8), encoding: .utf8) != nil)
            check(
                html,
                shows: [values[1], values[2], values[3], values[8], values[9], values[12], values[17], values[18]])
            var trace = TraceDigest(analysis)
            trace.name = "x"
            guard
                let index = try? renderer.indexHTML(
                    traces: [trace], errors: [InputError(source: values[0], reason: values[5])])
            else { return }
            // The index cuts routes and statuses at 40 characters: their beginnings must show.
            check(index, shows: [String(values[2].prefix(30)), String(values[3].prefix(30)), values[5]])
            // Asset pages of the same trace: keys, displays and trace ids shown as text, links only to our own pages.
            var catalog = AssetCatalog()
            catalog.add(trace)
            let findings = BatchFindings.findings(catalog)
            guard let assets = try? renderer.assetIndex(catalog, findings: findings, traces: 1).html else {
                Issue.record("asset index failed")
                return
            }
            check(assets, shows: [String(values[8].prefix(60)), String(values[13].prefix(60))])
            for asset in catalog.sorted {
                guard let page = try? renderer.assetPage(asset, findings: findings, registry: nil).html else {
                    Issue.record("asset page failed")
                    return
                }
                check(page, shows: [String(asset.displays[0].display.prefix(60))])
                guard let traces = try? renderer.assetTracesPage(asset).html else {
                    Issue.record("asset traces page failed")
                    return
                }
                check(traces, shows: [String(asset.displays[0].display.prefix(60)), String(values[0].prefix(60))])
                #expect(
                    AssetPagePath.page(for: asset.key).split(separator: "/").allSatisfy {
                        !$0.hasPrefix(".")
                            && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
                    })
            }
        }
    }
}

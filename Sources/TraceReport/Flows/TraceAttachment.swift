/// `tracereport render`: finds one trace in an input and renders it as a
/// code-review attachment (Markdown, or a single HTML file).
public struct TraceAttachment: Sendable {
    /// The templates to render with.
    public let templates: TemplateSet
    /// The build time to show, if any.
    public let generated: String?
    /// Reads the input and the baseline.
    public let loader: TraceLoader

    /// Creates an attachment renderer.
    public init(templates: TemplateSet, generated: String? = nil, loader: TraceLoader = TraceLoader()) {
        self.templates = templates
        self.generated = generated
        self.loader = loader
    }

    /// The attachment for the trace `traceID` in `input` (or its only trace, or its first with
    /// `firstWhenSeveral`), and the input errors met on the way. Throws when no such trace is there.
    public func render(
        _ input: TraceInput, baseline: [TraceInput] = [], traceID: String?, html: Bool,
        budget: AttachmentBudget = .comment,
        firstWhenSeveral: Bool = false
    ) throws(ReportError) -> (text: String, errors: [InputError]) {
        var found: LoadedTrace?
        var count = 0
        var ids: [String] = []
        var index = BaselineIndex()
        var errors: [InputError] = []
        do {
            (index, errors) = try BaselineLoader.load(baseline, loader: loader)
            try loader.load([input]) { item in
                switch item {
                case .failure(let error): errors.append(error)
                case .trace(let loaded):
                    count += 1
                    if ids.count < 5 { ids.append(loaded.trace.traceID) }
                    if found == nil, traceID == nil || loaded.trace.traceID == traceID { found = loaded }
                }
            }
        } catch {
            throw ReportError.wrapping(error, step: .load, path: "-")
        }
        let name = input.name
        guard let trace = found, traceID != nil || count == 1 || firstWhenSeveral else {
            if let traceID {
                throw ReportError(
                    step: .load, path: name,
                    reason:
                        "holds no trace with trace_id \(OneLine.escaped(traceID)) (it holds \(count); first: \(ids.map(OneLine.escaped).joined(separator: ", ")))"
                )
            }
            if count == 0 {
                let first = errors.first.map { ": \($0.errorDescription ?? "")" } ?? ""
                throw ReportError(step: .load, path: name, reason: "holds no readable trace\(first)")
            }
            throw ReportError(
                step: .load, path: name,
                reason:
                    "holds \(count) traces: pass --trace-id to pick one (first: \(ids.map(OneLine.escaped).joined(separator: ", ")))"
            )
        }
        do {
            let renderer = PageRenderer(templates: templates, generated: generated, comparing: !baseline.isEmpty)
            let text = try renderer.attachment(index.analyse(trace).analysis, html: html, budget: budget)
            return (text, errors)
        } catch {
            throw ReportError(error)
        }
    }
}

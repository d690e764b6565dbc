/// The baseline traces a build compares against, and the pairing rules:
/// the same `trace_id`; else the baseline whose id is the current trace's
/// `parent_trace_id`; else the first baseline with the same question.
public struct BaselineIndex: Sendable {
    private var traces: [BaselineTrace] = []
    private var byID: [String: Int] = [:]
    private var byQuestion: [String: Int] = [:]
    private var paired: Set<Int> = []

    /// Creates an empty index.
    public init() {}

    /// Adds a baseline trace; the first of a duplicate id or question wins.
    public mutating func add(_ trace: BaselineTrace) {
        let i = traces.count
        traces.append(trace)
        if byID[trace.traceID] == nil { byID[trace.traceID] = i }
        if let q = trace.question, byQuestion[q] == nil { byQuestion[q] = i }
    }

    /// Number of baseline traces.
    public var count: Int { traces.count }

    /// The baseline of `trace`, by the pairing rules; marks it as paired.
    public mutating func pair(_ trace: Trace) -> BaselineTrace? {
        let index = byID[trace.traceID] ?? trace.parentTraceID.flatMap { byID[$0] } ?? trace.question.flatMap { byQuestion[$0] }
        guard let index else { return nil }
        paired.insert(index)
        return traces[index]
    }

    /// Baseline traces no current trace paired with, as `(trace_id, source)`.
    public var unpaired: [(traceID: String, source: String)] {
        traces.indices.filter { !paired.contains($0) }.map { (traces[$0].traceID, traces[$0].source) }
    }
}

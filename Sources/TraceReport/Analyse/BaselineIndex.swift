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
        guard let index = lookup(trace) else { return nil }
        markPaired(index)
        return traces[index]
    }

    /// The position of `trace`'s baseline by the pairing rules, without marking it (safe from many threads).
    public func lookup(_ trace: Trace) -> Int? {
        byID[trace.traceID] ?? trace.parentTraceID.flatMap { byID[$0] } ?? trace.question.flatMap { byQuestion[$0] }
    }

    /// The baseline trace at a position `lookup` returned.
    public subscript(position: Int) -> BaselineTrace { traces[position] }

    /// Records that a current trace paired with the baseline at `position`.
    public mutating func markPaired(_ position: Int) { paired.insert(position) }

    /// Baseline traces no current trace paired with, as `(trace_id, source)`.
    public var unpaired: [(traceID: String, source: String)] {
        traces.indices.filter { !paired.contains($0) }.map { (traces[$0].traceID, traces[$0].source) }
    }
}

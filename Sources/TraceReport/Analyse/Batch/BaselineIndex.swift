import Foundation

/// The baseline traces a build compares against, and the pairing rules, in order: the same
/// `trace_id` (from another record: a trace is never its own baseline); else the baseline whose id is
/// the trace's `parent_trace_id`; else the latest baseline with the same question recorded before it.
/// Real rows never carry a `parent_trace_id` (the web app does not send it), so the question rule is
/// what pairs them.
public struct BaselineIndex: Sendable {
    /// A pairing: the baseline's position and the rule that found it.
    public struct Pairing: Sendable, Equatable {
        public var position: Int
        public var rule: PairingRule
    }

    private var traces: [BaselineTrace] = []
    private var byID: [String: Int] = [:]
    private var byQuestion: [String: [Int]] = [:]
    private var paired: Set<Int> = []

    /// Creates an empty index.
    public init() {}

    /// Adds a baseline trace; the first of a duplicate id wins.
    public mutating func add(_ trace: BaselineTrace) {
        let i = traces.count
        traces.append(trace)
        if byID[trace.traceID] == nil { byID[trace.traceID] = i }
        if let q = trace.question { byQuestion[q, default: []].append(i) }
    }

    /// Number of baseline traces.
    public var count: Int { traces.count }

    /// The baseline of `loaded`, by the pairing rules, and the rule; marks it as paired.
    public mutating func pair(_ loaded: LoadedTrace) -> (baseline: BaselineTrace, rule: PairingRule)? {
        guard let pairing = lookup(loaded) else { return nil }
        markPaired(pairing.position)
        return (traces[pairing.position], pairing.rule)
    }

    /// The baseline of `loaded` by the pairing rules, without marking it (safe from many threads).
    public func lookup(_ loaded: LoadedTrace) -> Pairing? {
        let trace = loaded.trace
        let isItself = { (i: Int) in self.traces[i].traceID == trace.traceID && self.traces[i].source == loaded.source }
        if let i = byID[trace.traceID], !isItself(i) { return Pairing(position: i, rule: .traceID) }
        if let parent = trace.parentTraceID, let i = byID[parent], !isItself(i) {
            return Pairing(position: i, rule: .parent)
        }
        guard let question = trace.question, let candidates = byQuestion[question] else { return nil }
        let now = TraceTime.seconds(trace.createdAt)
        var best: (position: Int, time: Double)?
        for i in candidates where !isItself(i) {
            let time = traces[i].createdAt ?? -.infinity
            // Recorded after the trace: not its before. Without times on both sides, input order decides.
            if let now, let then = traces[i].createdAt, then >= now { continue }
            if best == nil || time >= best!.time { best = (i, time) }
        }
        return best.map { Pairing(position: $0.position, rule: .question) }
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

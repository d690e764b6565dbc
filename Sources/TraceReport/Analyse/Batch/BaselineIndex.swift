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

/// Which rule paired a trace with its baseline.
public enum PairingRule: String, Sendable, Equatable {
    /// The same `trace_id`, from another record (another export of the same request).
    case traceID = "trace_id"
    /// The baseline is the trace's `parent_trace_id`.
    case parent = "parent_trace_id"
    /// The latest earlier trace with the same question.
    case question

    /// How a page says it.
    public var phrase: String {
        switch self {
        case .traceID: "the same trace_id"
        case .parent: "its parent_trace_id"
        case .question: "the same question, the latest recorded before it"
        }
    }
}

/// `created_at` as the inspector writes it: ISO 8601 (`T` or a space), fractional seconds or not, `Z` or
/// an offset (`+00:00`, `+0000`, `+00`). Read by hand: a build may read it for every trace, and the
/// formatters Foundation offers cost more to create than the whole parse.
enum TraceTime {
    /// Seconds since 1970, nil when absent or not such a time.
    static func seconds(_ text: String?) -> Double? {
        guard let text else { return nil }
        var bytes = Array(text.utf8)[...]
        func number(_ count: Int) -> Int? {
            guard bytes.count >= count else { return nil }
            var value = 0
            for byte in bytes.prefix(count) {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            bytes = bytes.dropFirst(count)
            return value
        }
        func skip(_ allowed: [UInt8]) -> Bool {
            guard let first = bytes.first, allowed.contains(first) else { return false }
            bytes = bytes.dropFirst()
            return true
        }
        guard let year = number(4), skip([0x2D]), let month = number(2), skip([0x2D]), let day = number(2),
            skip([0x54, 0x20]),
            let hour = number(2), skip([0x3A]), let minute = number(2), skip([0x3A]), let second = number(2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if skip([0x2E]) {
            var scale = 0.1
            while let byte = bytes.first, byte >= 0x30 && byte <= 0x39 {
                fraction += Double(byte - 0x30) * scale
                scale /= 10
                bytes = bytes.dropFirst()
            }
        }
        var offset = 0
        if skip([0x5A]) {
            offset = 0
        } else if let sign = bytes.first, sign == 0x2B || sign == 0x2D {
            bytes = bytes.dropFirst()
            guard let hours = number(2) else { return nil }
            _ = skip([0x3A])
            let minutes = bytes.isEmpty ? 0 : number(2)
            guard let minutes else { return nil }
            offset = (hours * 60 + minutes) * 60 * (sign == 0x2D ? -1 : 1)
        } else {
            return nil
        }
        guard bytes.isEmpty else { return nil }
        // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset) + fraction
    }
}

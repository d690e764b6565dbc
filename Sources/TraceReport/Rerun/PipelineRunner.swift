import Foundation

/// Runs every query of a spec in the asked orderings, `jobs` requests at a
/// time, and returns the traces in spec order whatever order they finish in.
public struct PipelineRunner: Sendable {
    /// The engine doing the work.
    public let engine: PipelineEngine
    /// How many requests run at once.
    public let jobs: Int

    /// Creates a runner for `spec` with at most `jobs` requests in flight.
    public init(spec: PipelineSpec, jobs: Int) {
        engine = PipelineEngine(spec: spec)
        self.jobs = max(1, jobs)
    }

    /// The traces of each ordering, in the spec's query order.
    public func run(_ orderings: [StageOrdering]) async -> [StageOrdering: [JSONValue]] {
        let work = orderings.flatMap { ordering in engine.spec.queries.indices.map { (ordering, $0) } }
        var results: [StageOrdering: [JSONValue?]] = Dictionary(
            uniqueKeysWithValues: orderings.map { ($0, Array(repeating: nil, count: engine.spec.queries.count)) })
        await withTaskGroup(of: (StageOrdering, Int, JSONValue).self) { group in
            var next = 0
            func startNext() {
                guard next < work.count else { return }
                let (ordering, index) = work[next]
                next += 1
                group.addTask { [engine] in
                    (ordering, index, await engine.run(engine.spec.queries[index], index: index, ordering: ordering))
                }
            }
            for _ in 0..<min(jobs, work.count) { startNext() }
            for await (ordering, index, trace) in group {
                results[ordering]?[index] = trace
                startNext()
            }
        }
        return results.mapValues { $0.compactMap { $0 } }
    }

    /// The traces as JSON Lines, one file's worth per ordering, for `build` to read.
    public func runAsInputs(_ orderings: [StageOrdering], source: String) async -> [StageOrdering: TraceInput] {
        let traces = await run(orderings)
        var inputs: [StageOrdering: TraceInput] = [:]
        for (ordering, list) in traces {
            inputs[ordering] = .bytes(
                name: "\(source)/\(ordering.rawValue).jsonl",
                data: Data(list.map { $0.compactJSON + "\n" }.joined().utf8))
        }
        return inputs
    }
}

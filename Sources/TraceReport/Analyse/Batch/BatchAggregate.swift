/// Something the whole batch adds up one trace at a time, in input order, from the
/// traces' digests: the index's tally, the build's totals, the asset catalog. Memory
/// grows with what it counts, not with the number of traces.
public protocol BatchAggregate {
    /// Adds one trace.
    mutating func add(_ trace: TraceDigest)
}

extension BatchAggregate {
    /// Adds every trace of `traces`.
    public mutating func add(contentsOf traces: some Sequence<TraceDigest>) {
        for trace in traces { add(trace) }
    }
}

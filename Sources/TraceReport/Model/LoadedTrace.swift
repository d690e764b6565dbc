/// A trace with where it was read from, so every message can name its file and line.
public struct LoadedTrace: Sendable {
    /// The trace as read.
    public var trace: Trace
    /// `"<file>"` or `"<file>:<line>"` for JSONL.
    public var source: String

    /// Pairs a trace with its source.
    public init(trace: Trace, source: String) {
        self.trace = trace
        self.source = source
    }
}

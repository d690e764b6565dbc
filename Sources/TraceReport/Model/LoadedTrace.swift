/// A trace with where it was read from, so every message can name its file and line.
public struct LoadedTrace: Sendable {
    /// The trace as read.
    public var trace: Trace
    /// `"<file>"` or `"<file>:<line>"` for JSONL.
    public var source: String
    /// The trace's JSON as read, for handing it on unchanged (`rerun --command`).
    public var raw: JSONValue?

    /// Pairs a trace with its source.
    public init(trace: Trace, source: String, raw: JSONValue? = nil) {
        self.trace = trace
        self.source = source
        self.raw = raw
    }
}

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

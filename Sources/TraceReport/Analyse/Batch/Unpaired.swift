/// A trace that found no partner on the other side of a comparison.
public struct UnpairedTrace: Sendable, Equatable, Encodable {
    public var traceID: String
    public var source: String

    enum CodingKeys: String, CodingKey {
        case traceID = "trace_id"
        case source
    }
}

/// Both sides' unpaired traces, listed on the index and in `summary.json`.
public struct Unpaired: Sendable, Equatable, Encodable {
    public var baseline: [UnpairedTrace]
    public var current: [UnpairedTrace]
}

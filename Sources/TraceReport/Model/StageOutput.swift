/// What a stage produced: `stage_outputs[i]` of a trace, reduced to what the report shows.
public struct StageOutput: Sendable, Equatable {
    /// The stage name, matched to a stage input by name and occurrence.
    public var stage: String?
    /// `diagnostics.status`: `ok`, `warning`, `error`, ...
    public var status: String?
    /// `diagnostics.warnings` and `diagnostics.errors`, as text.
    public var warnings: [String]
    public var errors: [String]
    /// `diagnostics.empty_flags` and `diagnostics.counts`, shown raw.
    public var emptyFlags: JSONValue?
    public var counts: JSONValue?
    /// `references`, shown raw.
    public var references: JSONValue?
    /// How long the stage ran, in milliseconds.
    public var durationMS: Double?

    /// Creates a stage output.
    public init(
        stage: String?, status: String? = nil, warnings: [String] = [], errors: [String] = [],
        emptyFlags: JSONValue? = nil, counts: JSONValue? = nil, references: JSONValue? = nil, durationMS: Double? = nil
    ) {
        self.stage = stage
        self.status = status
        self.warnings = warnings
        self.errors = errors
        self.emptyFlags = emptyFlags
        self.counts = counts
        self.references = references
        self.durationMS = durationMS
    }
}

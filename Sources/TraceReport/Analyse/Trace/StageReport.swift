/// One stage of a trace as analysed: its input's assets and its output's diagnostics.
public struct StageReport: Sendable, Equatable {
    /// The stage name, or `(unnamed)` when the trace left it out.
    public var name: String
    /// Whether the stage recorded its assets.
    public var coverage: StageCoverage
    /// The stage's assets in key order: single slots first, then list keys.
    public var assets: [AssetEntry]
    /// The stage input's `params` and `prev_output`, shown raw.
    public var params: JSONValue?
    public var prevOutput: JSONValue?
    /// The matching stage output, if one was recorded.
    public var output: StageOutput?

    /// Creates a stage report.
    public init(
        name: String, coverage: StageCoverage, assets: [AssetEntry], params: JSONValue? = nil,
        prevOutput: JSONValue? = nil, output: StageOutput? = nil
    ) {
        self.name = name
        self.coverage = coverage
        self.assets = assets
        self.params = params
        self.prevOutput = prevOutput
        self.output = output
    }
}

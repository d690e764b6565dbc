/// What a stage was given: `stage_inputs[i]` of a trace.
public struct StageInput: Sendable, Equatable {
    /// The stage name (`route_plan`, `validate`, ...), or nil when the trace left it out.
    public var stage: String?
    /// The assets the stage recorded, keyed as the orchestrator keys them; nil when the field is absent or `null`.
    public var appliedAssets: [(key: String, value: AssetValue)]?
    /// The stage parameters and previous output, shown raw.
    public var params: JSONValue?
    public var prevOutput: JSONValue?

    /// Creates a stage input.
    public init(
        stage: String?, appliedAssets: [(key: String, value: AssetValue)]?, params: JSONValue? = nil,
        prevOutput: JSONValue? = nil
    ) {
        self.stage = stage
        self.appliedAssets = appliedAssets
        self.params = params
        self.prevOutput = prevOutput
    }

    public static func == (lhs: StageInput, rhs: StageInput) -> Bool {
        lhs.stage == rhs.stage && lhs.appliedAssets?.map(\.key) == rhs.appliedAssets?.map(\.key)
            && lhs.appliedAssets?.map(\.value) == rhs.appliedAssets?.map(\.value)
            && lhs.params == rhs.params && lhs.prevOutput == rhs.prevOutput
    }
}

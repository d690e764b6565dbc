/// Whether a stage recorded the assets it used.
public enum StageCoverage: String, Sendable, Equatable, CaseIterable {
    /// `applied_assets` holds at least one recorded asset.
    case captured
    /// `applied_assets` was recorded but empty: the symptom of building the input before the stage ran.
    case empty
    /// No `applied_assets` at all (field absent or `null`, or no stage input recorded).
    case missing
    /// `applied_assets` holds only what the inspector API's export back-filled (`"source": "inferred"`,
    /// `tool:NN` keys): the stage recorded nothing, the export guessed.
    case inferred
}

/// A global asset and the stages that claim it: how the trace-level record and the per-stage records agree.
public struct GlobalAssetReconciliation: Sendable, Equatable {
    /// The global asset, formatted as the orchestrator would.
    public var entry: AssetEntry
    /// Names of the stages that recorded the same asset.
    public var claimedBy: [String]
    /// The key this one repeats (`catalog` for the `schema` alias that holds the same asset), when it does.
    public var aliasOf: String? = nil
}

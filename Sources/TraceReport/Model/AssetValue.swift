/// A value of an `applied_assets` map: usually the display string the
/// orchestrator formatted, sometimes the raw info it was formatted from.
public enum AssetValue: Sendable, Equatable {
    case display(String)
    case info(AssetInfo)
}

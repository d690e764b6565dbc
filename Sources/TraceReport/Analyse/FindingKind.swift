/// The stable names of what the analysis reports; `check --fail-on` takes them.
public enum FindingKind: String, Sendable, Equatable, CaseIterable {
    /// Global assets exist, yet no stage recorded any: the ordering bug.
    case stageAssetsMissing = "stage-assets-missing"
    /// Stages recorded assets, but a global asset is claimed by none of them.
    case assetUnattributed = "asset-unattributed"
    /// An asset resolved from a fallback rather than the registry.
    case fallback
    /// An asset replaced by an entry of `request_payload.asset_overrides`.
    case override
    /// A raw asset info has `"source": null`, which the orchestrator counts as a fallback.
    case assetSourceNull = "asset-source-null"

    /// How much this kind of finding matters.
    public var severity: Severity {
        switch self {
        case .stageAssetsMissing: .error
        case .assetUnattributed, .fallback, .assetSourceNull: .warning
        case .override: .info
        }
    }

    /// The kinds `check` fails on unless told otherwise.
    public static let defaultFailOn: [FindingKind] = [.stageAssetsMissing, .assetUnattributed]
}

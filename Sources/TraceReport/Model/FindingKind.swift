/// The stable names of what the analysis reports; `check --fail-on` takes them.
public enum FindingKind: String, Sendable, Equatable, CaseIterable {
    /// Global assets exist, yet no stage recorded any: the ordering bug.
    case stageAssetsMissing = "stage-assets-missing"
    /// No stage recorded an asset, but an API export back-filled stages with `"source": "inferred"` guesses.
    case stageAssetsInferred = "stage-assets-inferred"
    /// Stages recorded assets, but a global asset is claimed by none of them.
    case assetUnattributed = "asset-unattributed"
    /// An asset resolved from a fallback rather than the registry.
    case fallback
    /// An asset replaced by an entry of `request_payload.asset_overrides`.
    case override
    /// A raw asset info has `"source": null`, which the orchestrator counts as a fallback.
    case assetSourceNull = "asset-source-null"
    /// A stage `applied_assets` value of a shape the orchestrator does not write (a list, a number, ...): read as well as it can be.
    case stageAssetsShape = "stage-assets-shape"
    /// A trace field of the wrong type: read as text or ignored, and the trace still reported.
    case fieldWrongType = "field-wrong-type"
    /// A kind named in `request_payload.expected_assets` that no stage captured.
    case expectedAssetMissing = "expected-asset-missing"
    /// Across the batch: one asset resolved to more than one version in a stage, or from the registry and a fallback.
    case versionDrift = "version-drift"
    /// Across the batch, with `--registry`: an asset used at a version older than the registry's active one.
    case assetStale = "asset-stale"
    /// Across the batch: a registry asset recorded with no version.
    case assetUnpinned = "asset-unpinned"
    /// Against the baseline: a stage asset that was not there before.
    case assetAdded = "asset-added"
    /// Against the baseline: a stage asset that is gone.
    case assetRemoved = "asset-removed"
    /// Against the baseline: the same asset at another version.
    case assetVersionChanged = "asset-version-changed"
    /// Against the baseline: from the registry before, from a fallback now.
    case fallbackIntroduced = "fallback-introduced"
    /// Against the baseline: a stage `ok` before, `warning` or `error` now.
    case stageStatusRegressed = "stage-status-regressed"
    /// Golden queries: the latest run's judgment (recomputed, else recorded) is FAIL.
    case regressionFail = "regression-fail"
    /// Golden queries: the latest run's judgment is WARN.
    case regressionWarn = "regression-warn"
    /// Golden queries: the latest run passed (or warned) while a stage lost an asset, changed a version or lost coverage.
    case judgmentBlindSpot = "judgment-blind-spot"
    /// Golden queries: a trace of the latest run is not stored, so its recorded judgment cannot be checked.
    case regressionUnverifiable = "regression-unverifiable"
    /// Golden queries: the recorded judgment is not what the judge's rules give on the stored rows.
    case recordedJudgmentDiffers = "recorded-judgment-differs"

    /// How much this kind of finding matters.
    public var severity: Severity {
        switch self {
        case .stageAssetsMissing, .stageAssetsInferred, .expectedAssetMissing, .regressionFail, .judgmentBlindSpot:
            .error
        case .regressionWarn, .regressionUnverifiable, .recordedJudgmentDiffers: .warning
        case .assetUnattributed, .fallback, .assetSourceNull, .stageAssetsShape, .fieldWrongType, .versionDrift,
            .assetStale, .assetRemoved, .fallbackIntroduced, .stageStatusRegressed:
            .warning
        case .override, .assetAdded, .assetVersionChanged, .assetUnpinned: .info
        }
    }

    /// The kinds `check` fails on unless told otherwise.
    public static let defaultFailOn: [FindingKind] = [
        .stageAssetsMissing, .stageAssetsInferred, .assetUnattributed, .regressionFail, .judgmentBlindSpot,
    ]
}

/// Tracks which assets a request and its current stage use, in task-local
/// scopes, so concurrent requests and stages never see each other's assets.
/// Tracking an asset records it in both scopes, as the orchestrator's
/// `track_*_asset_to_stage` functions do.
///
/// `withStage` is the fixed ordering: a stage's assets exist only once its
/// work has returned, so a stage input cannot be built from them too early.
/// `legacyStage` reproduces the old ordering for comparison, and nothing else.
public enum AssetTracker {
    @TaskLocal static var requestScope: AssetScope?
    @TaskLocal static var stageScope: AssetScope?

    /// Records an asset in the current request and stage, if any.
    public static func track(kind: String, info: AssetInfo) {
        requestScope?.record(kind: kind, info: info)
        stageScope?.record(kind: kind, info: info)
    }

    /// Runs a request; returns its result and every asset tracked during it.
    public static func withRequest<T: Sendable>(_ body: () async throws -> T) async rethrows -> (T, GlobalAssets) {
        let scope = AssetScope()
        let result = try await $requestScope.withValue(scope) {
            try await $stageScope.withValue(nil) { try await body() }
        }
        return (result, scope.snapshot)
    }

    /// Runs a stage's work; returns its result and the assets it tracked —
    /// only after the work has returned.
    public static func withStage<T: Sendable>(_ body: () async throws -> T) async rethrows -> (T, GlobalAssets) {
        let scope = AssetScope()
        let result = try await $stageScope.withValue(scope) { try await body() }
        return (result, scope.snapshot)
    }

    /// The old ordering, kept to reproduce the bug: `begin_stage_asset_tracking()`,
    /// then `body` gets the live stage scope and may read it before the stage has run.
    static func legacyStage<T: Sendable>(_ body: (AssetScope) async throws -> T) async rethrows -> T {
        let scope = AssetScope()
        return try await $stageScope.withValue(scope) { try await body(scope) }
    }
}

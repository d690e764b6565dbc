import Synchronization

/// The assets tracked in one scope — a whole request, or one stage — as the
/// orchestrator keeps them: one per single-slot kind (the last wins), lists
/// for queries, screens and tools. Safe to record into from any task.
public final class AssetScope: Sendable {
    private let state = Mutex(GlobalAssets())

    /// Creates an empty scope.
    public init() {}

    /// Records `info` as an asset of `kind`.
    public func record(kind: String, info: AssetInfo) {
        state.withLock { assets in
            if PipelineSpec.listKinds.contains(kind) {
                if let i = assets.lists.firstIndex(where: { $0.kind == kind }) {
                    if !assets.lists[i].values.contains(info) { assets.lists[i].values.append(info) }
                } else {
                    assets.lists.append((kind, TraceExport.listField(for: kind), [info]))
                }
            } else if let i = assets.slots.firstIndex(where: { $0.kind == kind }) {
                assets.slots[i].value = .info(info)
            } else {
                assets.slots.append((kind, .info(info)))
            }
        }
    }

    /// What has been recorded so far.
    public var snapshot: GlobalAssets { state.withLock { $0 } }
}

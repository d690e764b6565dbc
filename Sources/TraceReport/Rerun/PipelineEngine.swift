import Foundation

/// Runs the queries of a pipeline spec through the stages, tracking assets
/// with `AssetTracker` in either ordering, and records each request as a
/// trace in the inspector's export format. Ids, times and durations derive
/// from the spec, never the clock, so the same spec gives the same traces.
public struct PipelineEngine: Sendable {
    /// The spec being run.
    public let spec: PipelineSpec
    private let resolved: [PipelineSpec.AssetRef: (info: AssetInfo, fallbackSource: String?)]

    /// Prepares an engine for `spec`.
    public init(spec: PipelineSpec) {
        self.spec = spec
        var resolved: [PipelineSpec.AssetRef: (AssetInfo, String?)] = [:]
        for asset in spec.registry {
            let screen = asset.kind == "screen"
            resolved[.init(kind: asset.kind, name: asset.name)] = (
                AssetInfo(
                    assetID: asset.assetID, name: screen ? nil : asset.name, version: asset.active,
                    source: .named(AssetSource.registry), screenID: screen ? asset.name : nil),
                nil
            )
        }
        for fallback in spec.fallbacks {
            let screen = fallback.kind == "screen"
            resolved[.init(kind: fallback.kind, name: fallback.name)] = (
                AssetInfo(
                    name: screen ? nil : fallback.name, version: nil, source: .named(fallback.source),
                    screenID: screen ? fallback.name : nil),
                fallback.source
            )
        }
        self.resolved = resolved
    }

    /// The trace id of a query's run in an ordering: `legacy-q01`, `scoped-q01`.
    public static func traceID(_ query: PipelineSpec.Query, _ ordering: StageOrdering) -> String {
        "\(ordering.rawValue)-\(query.id)"
    }

    /// What a stage's work produced.
    struct StageWork: Sendable {
        var warnings: [String] = []
        var references: [JSONValue] = []
        var assetCount = 0
        var usedFallback = false
    }

    /// Runs one query (the `index`-th of the spec) and returns its trace.
    public func run(_ query: PipelineSpec.Query, index: Int, ordering: StageOrdering) async -> JSONValue {
        let formatter = AssetFormatter(overrides: query.overrides)
        let stages = spec.routes[query.route] ?? []
        let traceID = Self.traceID(query, ordering)
        let (records, global) = await AssetTracker.withRequest { () async -> [(String, JSONValue, StageWork)] in
            // The planner's own assets, outside any stage: all a direct or reject answer records.
            for ref in query.requestAssets {
                if let (info, _) = resolved[ref] { AssetTracker.track(kind: ref.kind, info: info) }
            }
            var records: [(String, JSONValue, StageWork)] = []
            for stage in stages {
                switch ordering {
                case .legacy:
                    let (input, work) = await AssetTracker.legacyStage { scope in
                        // The bug, as it was: the input is built from the stage scope before the stage runs.
                        let input = TraceExport.displays(scope.snapshot, formatter: formatter)
                        let work = await self.work(stage, of: query)
                        return (input, work)
                    }
                    records.append((stage, input, work))
                case .scoped:
                    let (work, assets) = await AssetTracker.withStage { await self.work(stage, of: query) }
                    records.append((stage, TraceExport.displays(assets, formatter: formatter), work))
                }
            }
            return records
        }
        return trace(
            query, index: index, ordering: ordering, traceID: traceID, records: records, global: global,
            formatter: formatter)
    }

    /// A stage's work: resolve and track each asset it uses, yielding between
    /// them so that concurrent requests interleave as they do in production.
    func work(_ stage: String, of query: PipelineSpec.Query) async -> StageWork {
        var work = StageWork()
        for ref in query.stages[stage] ?? [] {
            guard let (info, fallbackSource) = resolved[ref] else { continue }
            AssetTracker.track(kind: ref.kind, info: info)
            work.assetCount += 1
            if let fallbackSource {
                work.usedFallback = true
                work.warnings.append(
                    "\(ref) resolved from \(fallbackSource): the registry has no \(ref.kind) named \(ref.name)")
            }
            if ref.kind == "query" {
                work.references.append(
                    .object([
                        "kind": .string("query"), "name": .string(ref.name),
                        "version": TraceExport.json(info).objectField("version") ?? .null,
                    ]))
            }
            await Task.yield()
        }
        if stage == "present" && query.route == "reject" {
            work.warnings.append("request rejected by policy: no data was fetched")
        }
        return work
    }

    private func trace(
        _ query: PipelineSpec.Query, index: Int, ordering: StageOrdering, traceID: String,
        records: [(String, JSONValue, StageWork)], global: GlobalAssets, formatter: AssetFormatter
    ) -> JSONValue {
        var inputs: [JSONValue] = []
        var outputs: [JSONValue] = []
        var total = 0
        var previous: JSONValue = .null
        for (i, (stage, assets, work)) in records.enumerated() {
            let duration = Self.duration(spec.name, query.id, stage)
            total += duration
            inputs.append(
                .object([
                    "stage": .string(stage), "applied_assets": assets, "trace_id": .string(traceID),
                    "prev_output": previous,
                    "params": .object([
                        "route": .string(query.route), "query_id": .string(query.id),
                        "category": .string(query.category), "stage_index": .int(i),
                    ]),
                ]))
            let rows = stage == "execute" ? Int(StableHash.value(spec.name + query.id) % 500) : 0
            let result: JSONValue = .object(["stage": .string(stage), "ok": .bool(true), "rows": .int(rows)])
            outputs.append(
                .object([
                    "stage": .string(stage), "result": result, "duration_ms": .int(duration),
                    "references": .array(work.references),
                    "diagnostics": .object([
                        "status": .string(work.usedFallback ? "warning" : "ok"),
                        "warnings": .array(work.warnings.map(JSONValue.string)),
                        "errors": .array([]), "counts": .object(["assets": .int(work.assetCount), "rows": .int(rows)]),
                        "empty_flags": .object(["applied_assets": .bool(assets == .object([:]))]),
                    ]),
                ]))
            previous = result
        }
        let row = TraceExport.writerRow(global)
        return .object([
            "trace_id": .string(traceID),
            "parent_trace_id": ordering == .scoped ? .string(Self.traceID(query, .legacy)) : .null,
            "feature": .string(spec.name), "endpoint": .string("/ops/ask"), "method": .string("POST"),
            "ops_mode": .string("rerun-\(ordering.rawValue)"),
            "question": .string(query.question), "route": .string(query.route),
            "status": .string(query.route == "reject" ? "rejected" : "success"), "duration_ms": .int(total),
            "request_payload": .object([
                "question": .string(query.question), "query_id": .string(query.id), "category": .string(query.category),
                "asset_overrides": .object(query.overrides.mapValues(JSONValue.string)),
                "expected_assets": .array(query.expectedAssets.map(JSONValue.string)),
            ]),
            "applied_assets": row.appliedAssets, "asset_versions": row.assetVersions,
            "fallbacks": row.fallbacks, "stage_inputs": .array(inputs), "stage_outputs": .array(outputs),
            "replan_events": .array([]),
            "created_at": .string(Self.time(spec.recordedAt, plusMinutes: index)),
        ])
    }

    /// 15–914 ms, the same for the same spec, query and stage.
    static func duration(_ name: String, _ query: String, _ stage: String) -> Int {
        15 + Int(StableHash.value("\(name)\u{0}\(query)\u{0}\(stage)") % 900)
    }

    static func time(_ start: String, plusMinutes minutes: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        guard let date = formatter.date(from: start) else { return start }
        return formatter.string(from: date.addingTimeInterval(TimeInterval(minutes * 60)))
    }
}

extension JSONValue {
    /// A field of an object value, nil otherwise.
    func objectField(_ key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }
}

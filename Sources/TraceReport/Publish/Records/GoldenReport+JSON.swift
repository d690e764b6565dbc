/// The golden queries as `summary.json` holds them (`"golden_queries"`).
extension GoldenQueryReport {
    /// The reports as one JSON array, keys sorted.
    static func json(_ reports: [GoldenQueryReport]) -> String {
        JSONValue.array(reports.map(\.value)).compactJSON
    }

    var value: JSONValue {
        .object([
            "id": .string(query.id), "name": .string(query.name), "query_text": .string(query.queryText),
            "ops_type": .string(query.opsType), "enabled": .bool(query.enabled),
            "baseline": baseline.map { b in
                .object([
                    "id": .string(b.id), "trace_id": .string(b.baselineTraceID),
                    "created_at": b.createdAt.map(JSONValue.string) ?? .null,
                ])
            } ?? .null,
            "runs": .array(runs.map(\.value)),
            "findings": .array(
                findings.map { .object(["kind": .string($0.kind.rawValue), "message": .string($0.message)]) }),
        ])
    }
}

extension GoldenQueryReport.Run {
    var value: JSONValue {
        let text = { (s: String?) in s.map(JSONValue.string) ?? .null }
        return .object([
            "id": .string(run.id), "created_at": text(run.createdAt), "triggered_by": text(run.triggeredBy),
            "baseline_trace_id": .string(run.baselineTraceID), "candidate_trace_id": .string(run.candidateTraceID),
            "candidate_found": .bool(candidate != nil),
            "recorded": .object([
                "judgment": .string(run.judgment), "reason": text(run.verdictReason), "diff_summary": run.diffSummary,
            ]),
            "recomputed": recomputed.map { v in
                .object(["judgment": .string(v.judgment.rawValue), "reason": .string(v.reason), "diff": v.diff.value])
            } ?? .null,
            "stage_changes": stageChanges.map { comparison in
                .array(
                    comparison.stages.map { stage in
                        .object([
                            "stage": .string(stage.stage),
                            "coverage": .string(
                                (stage.before?.coverage.rawValue ?? "not run") + " → "
                                    + (stage.after?.coverage.rawValue ?? "not run")),
                            "added": .array(stage.keys(.added).map { .string($0.key) }),
                            "removed": .array(stage.keys(.removed).map { .string($0.key) }),
                            "version_changed": .array(
                                stage.keys(.changed).map { change in
                                    .object([
                                        "key": .string(change.key), "before": text(change.before?.display),
                                        "after": text(change.after?.display),
                                    ])
                                }),
                        ])
                    })
            } ?? .null,
            "blind_spot": blindSpot.map { .object(["reason": .string($0)]) } ?? .null,
        ])
    }
}

extension RegressionJudge.Diff {
    /// The real diff summary's ten scalar keys.
    var value: JSONValue {
        .object([
            "assets_changed": .bool(assetsChanged), "plan_intent_changed": .bool(planIntentChanged),
            "plan_output_changed": .bool(planOutputChanged), "tool_calls_added": .int(toolCallsAdded.count),
            "tool_calls_removed": .int(toolCallsRemoved.count), "tool_calls_failed": .int(toolCallsFailed),
            "blocks_structure_changed": .bool(blocksStructureChanged),
            "references_variance": .double(referencesVariance), "status_changed": .bool(statusChanged),
            "ui_errors_increase": .bool(uiErrorsIncrease),
        ])
    }
}

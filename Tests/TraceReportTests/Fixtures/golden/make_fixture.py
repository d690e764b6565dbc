#!/usr/bin/env python3
"""Writes the golden-query fixture: traces in the real writer's row shape (from
../real-rows/rows.jsonl, the orch row after the fix) and the three golden tables
exported as JSON lines, in the columns the real models create. Deterministic: run it
again and the files are byte-identical. What each query must produce is in README.md."""
import copy, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
base = json.loads(open(os.path.join(HERE, "..", "real-rows", "rows.jsonl")).readline())
base["execution_steps"] = [
    {"step_id": "metric:1", "request": {"metric": "cpu", "range": "1h"}, "duration_ms": 120, "error": None},
    {"step_id": "graph:2", "request": {"ci": "api-gateway"}, "duration_ms": 80, "error": None},
]
base["references"] = [{"kind": "metric"}, {"kind": "graph"}]
base["answer"] = {"envelope_meta": None, "blocks": [{"type": "text"}, {"type": "chart"}]}
base["plan_validated"] = {"intent": "metric", "output": {"type": "chart"}}
base["ui_render"] = {"error_count": 0}


def trace(trace_id, created, question, change=None):
    row = copy.deepcopy(base)
    row["trace_id"] = trace_id
    row["created_at"] = created
    row["question"] = question
    row["request_payload"]["question"] = question
    if change:
        change(row)
    return row


def stage(row, name):
    return next(s for s in row["stage_inputs"] if s["stage"] == name)


def republish(row):  # the compose prompt republished in place: same asset id, version 2 -> 3
    stage(row, "compose")["applied_assets"]["prompt"] = "ci_compose_prompt (v3)"
    row["applied_assets"]["prompt"]["version"] = 3


def empty_stages(row):  # the ordering bug: every stage input recorded before the stage ran
    for s in row["stage_inputs"]:
        s["applied_assets"] = {}


def drop_tool(row):
    row["execution_steps"] = row["execution_steps"][:1]


def errored(row):
    row["status"] = "error"


def more_refs(row):
    row["references"] = row["references"] + [{"kind": "doc"}]


def both_error(row):  # with errored(): the baseline in error too, so rule 2, not rule 1
    row["status"] = "error"


def tool_failed(row):
    row["execution_steps"][1]["error"] = {"message": "timeout after 30 s"}


def versions_reordered(row):
    row["asset_versions"] = list(reversed(row["asset_versions"]))


def plan_changed(row):
    row["plan_validated"] = {"intent": "graph", "output": {"type": "chart"}}


def blocks_halved(row):
    row["answer"]["blocks"] = row["answer"]["blocks"][:1]


def ui_errors(row):
    row["ui_render"] = {"error_count": 2}


def slow_tool(row):
    row["execution_steps"][0]["duration_ms"] = 241


def from_nothing(row):  # the baseline had no blocks, references or durations: no rule compares with zero
    row["answer"]["blocks"] = []
    row["references"] = []
    for step in row["execution_steps"]:
        step["duration_ms"] = 0


def to_something(row):
    row["answer"]["blocks"] = [{"type": "text"}, {"type": "table"}, {"type": "chart"}]
    row["references"] = [{"kind": "doc"}] * 4
    for step in row["execution_steps"]:
        step["duration_ms"] = 5000


Q = {
    "gq-clean": "Show CPU usage of api-gateway",
    "gq-republish": "Show memory usage of order-db",
    "gq-empty": "Which services depend on user-db?",
    "gq-tools": "What changed in checkout last week?",
    "gq-missing": "Is search healthy right now?",
    "gq-differs": "List deployments of billing this month",
    "gq-refs": "Why did latency of payments spike at 14:00?",
    "gq-norun": "What runs on host ip-10-0-3-17?",
    "gq-disabled": "<script>alert(1)</script> | *bold* question",
    "gq-both-error": "Why is the order queue backing up?",
    "gq-tool-failed": "Show error rates of the billing API",
    "gq-versions": "Which hosts run the search index?",
    "gq-plan": "Draw the dependency graph of checkout",
    "gq-blocks": "Summarise today's incidents",
    "gq-ui": "Show the topology of the payments cluster",
    "gq-slow": "How many pods run in the api namespace?",
    "gq-zero": "List the alerts of the last hour",
}
traces = [
    trace("b-clean", "2026-03-01T09:00:00+00:00", Q["gq-clean"]),
    trace("c-clean-1", "2026-03-02T09:00:00+00:00", Q["gq-clean"], errored),
    trace("c-clean-2", "2026-03-03T09:00:00+00:00", Q["gq-clean"]),
    trace("b-republish", "2026-03-01T09:01:00+00:00", Q["gq-republish"]),
    trace("c-republish", "2026-03-03T09:01:00+00:00", Q["gq-republish"], republish),
    trace("b-empty", "2026-03-01T09:02:00+00:00", Q["gq-empty"]),
    trace("c-empty", "2026-03-03T09:02:00+00:00", Q["gq-empty"], empty_stages),
    trace("b-tools", "2026-03-01T09:03:00+00:00", Q["gq-tools"]),
    trace("c-tools", "2026-03-03T09:03:00+00:00", Q["gq-tools"], drop_tool),
    trace("b-missing", "2026-03-01T09:04:00+00:00", Q["gq-missing"]),
    trace("b-differs", "2026-03-01T09:05:00+00:00", Q["gq-differs"]),
    trace("c-differs", "2026-03-03T09:05:00+00:00", Q["gq-differs"], errored),
    trace("b-refs", "2026-03-01T09:06:00+00:00", Q["gq-refs"]),
    trace("c-refs", "2026-03-03T09:06:00+00:00", Q["gq-refs"], more_refs),
    trace("b-norun", "2026-03-01T09:07:00+00:00", Q["gq-norun"]),
    trace("b-disabled", "2026-03-01T09:08:00+00:00", Q["gq-disabled"]),
    trace("c-disabled", "2026-03-03T09:08:00+00:00", Q["gq-disabled"]),
    trace("b-both-error", "2026-03-01T09:09:00+00:00", Q["gq-both-error"], both_error),
    trace("c-both-error", "2026-03-03T09:09:00+00:00", Q["gq-both-error"], both_error),
    trace("b-tool-failed", "2026-03-01T09:10:00+00:00", Q["gq-tool-failed"]),
    trace("c-tool-failed", "2026-03-03T09:10:00+00:00", Q["gq-tool-failed"], tool_failed),
    trace("b-versions", "2026-03-01T09:11:00+00:00", Q["gq-versions"]),
    trace("c-versions", "2026-03-03T09:11:00+00:00", Q["gq-versions"], versions_reordered),
    trace("b-plan", "2026-03-01T09:12:00+00:00", Q["gq-plan"]),
    trace("c-plan", "2026-03-03T09:12:00+00:00", Q["gq-plan"], plan_changed),
    trace("b-blocks", "2026-03-01T09:13:00+00:00", Q["gq-blocks"]),
    trace("c-blocks", "2026-03-03T09:13:00+00:00", Q["gq-blocks"], blocks_halved),
    trace("b-ui", "2026-03-01T09:14:00+00:00", Q["gq-ui"]),
    trace("c-ui", "2026-03-03T09:14:00+00:00", Q["gq-ui"], ui_errors),
    trace("b-slow", "2026-03-01T09:15:00+00:00", Q["gq-slow"]),
    trace("c-slow", "2026-03-03T09:15:00+00:00", Q["gq-slow"], slow_tool),
    trace("b-zero", "2026-03-01T09:16:00+00:00", Q["gq-zero"], from_nothing),
    trace("c-zero", "2026-03-03T09:16:00+00:00", Q["gq-zero"], to_something),
]
DIFF_KEYS = ["assets_changed", "plan_intent_changed", "plan_output_changed", "tool_calls_added", "tool_calls_removed",
             "tool_calls_failed", "blocks_structure_changed", "references_variance", "status_changed", "ui_errors_increase"]


def diff(**set_):
    d = {k: (0 if k.startswith("tool_calls") else 0.0 if k == "references_variance" else False) for k in DIFF_KEYS}
    d.update(set_)
    return d


queries, baselines, runs = [], [], []
for i, (qid, text) in enumerate(Q.items()):
    queries.append({"id": qid, "name": qid.replace("gq-", "golden ") if qid != "gq-disabled" else "<b>hostile</b> name",
                    "query_text": text, "ops_type": "metric" if i % 2 == 0 else "all",
                    "options": {}, "enabled": "false" if qid == "gq-disabled" else "true",
                    "created_at": "2026-02-28T00:00:00+00:00", "updated_at": "2026-02-28T00:00:00+00:00"})
    b = next(t for t in traces if t["trace_id"] == "b-" + qid[3:])
    baselines.append({"id": "bl-" + qid[3:], "golden_query_id": qid, "baseline_trace_id": b["trace_id"],
                      "baseline_status": "success", "asset_versions": b["asset_versions"], "created_by": "ops",
                      "created_at": "2026-03-01T10:00:00+00:00"})


def run(rid, qid, candidate, judgment, reason, created, d=None):
    runs.append({"id": rid, "golden_query_id": qid, "baseline_id": "bl-" + qid[3:], "candidate_trace_id": candidate,
                 "baseline_trace_id": "b-" + qid[3:], "judgment": judgment, "verdict_reason": reason,
                 "diff_summary": d or diff(), "triggered_by": "manual", "trigger_info": {},
                 "execution_duration_ms": 1500, "created_at": created})


run("r-clean-1", "gq-clean", "c-clean-1", "FAIL", "Status changed: True", "2026-03-02T10:00:00+00:00", diff(status_changed=True))
run("r-clean-2", "gq-clean", "c-clean-2", "PASS", "No regressions detected", "2026-03-03T10:00:00+00:00")
run("r-republish", "gq-republish", "c-republish", "PASS", "No regressions detected", "2026-03-03T10:01:00+00:00")
run("r-empty", "gq-empty", "c-empty", "PASS", "No regressions detected", "2026-03-03T10:02:00+00:00")
run("r-tools", "gq-tools", "c-tools", "FAIL", "Tool calls changed: +0 -1", "2026-03-03T10:03:00+00:00", diff(tool_calls_removed=1))
run("r-missing", "gq-missing", "c-never-stored-7f3a", "PASS", "No regressions detected", "2026-03-03T10:04:00+00:00")
run("r-differs", "gq-differs", "c-differs", "PASS", "No regressions detected", "2026-03-03T10:05:00+00:00")
run("r-refs", "gq-refs", "c-refs", "WARN", "Reference count variance: 50.0%", "2026-03-03T10:06:00+00:00", diff(references_variance=0.5))
run("r-disabled", "gq-disabled", "c-disabled", "PASS", "No regressions detected", "2026-03-03T10:08:00+00:00")
for n, (qid, judgment, reason) in enumerate([
    ("gq-both-error", "FAIL", "Candidate execution resulted in error"),
    ("gq-tool-failed", "FAIL", "Tool calls failed in candidate: 1"),
    ("gq-versions", "FAIL", "Asset versions changed"),
    ("gq-plan", "FAIL", "Plan intent or output changed"),
    ("gq-blocks", "FAIL", "Block structure changed significantly (50.0%)"),
    ("gq-ui", "FAIL", "UI render errors increased"),
    ("gq-slow", "WARN", "Tool execution duration spike (2x+ in some tools)"),
    ("gq-zero", "PASS", "No regressions detected"),
]):
    run("r-" + qid[3:], qid, "c-" + qid[3:], judgment, reason, f"2026-03-03T10:{9 + n:02d}:00+00:00")


def write(name, rows):
    with open(os.path.join(HERE, name), "w") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


write("traces.jsonl", traces)
write("tb_golden_query.jsonl", queries)
write("tb_regression_baseline.jsonl", baselines)
write("tb_regression_run.jsonl", runs)

#!/usr/bin/env python3
"""One trace of about SIZE megabytes, as the orchestrator writes a request that moved a lot of data:
its bulk in stage_inputs[].params and prev_output (rows carried between stages) and in
stage_outputs[].result. Usage: make_huge_trace.py SIZE_MB OUT.json"""
import json
import sys


def rows(n, tag):
    return [{"host": f"{tag}-node-{i:07d}", "cpu": i % 100, "mem": (i * 7) % 100, "labels": {"zone": f"z{i % 5}", "rack": f"r{i % 40}"}} for i in range(n)]


def main():
    size_mb, out = float(sys.argv[1]), sys.argv[2]
    per_row = len(json.dumps(rows(1, "x")[0])) + 2
    n = int(size_mb * 1_000_000 / per_row / 5)
    trace = {
        "trace_id": "huge-1",
        "question": "Show CPU for every node",
        "route": "orch",
        "applied_assets": {"prompt": {"name": "ci_compose_prompt", "version": 2, "source": "asset_registry"},
                           "queries": [{"name": "cpu_usage", "version": 1, "source": "asset_registry"}]},
        "stage_inputs": [
            {"stage": "route_plan", "applied_assets": {}, "params": {"question": "Show CPU for every node"}},
            {"stage": "execute", "applied_assets": {"query:cpu_usage": "cpu_usage (v1)"}, "params": {"rows": rows(n, "p")}},
            {"stage": "compose", "applied_assets": {"prompt": "ci_compose_prompt (v2)"}, "prev_output": {"rows": rows(n, "c")}},
        ],
        "stage_outputs": [
            {"stage": "execute", "result": {"rows": rows(n, "e")}, "duration_ms": 120, "references": [{"kind": "query", "name": "cpu_usage"}]},
            {"stage": "compose", "result": {"rows": rows(n, "o")}, "duration_ms": 80},
            {"stage": "present", "result": {"rows": rows(n, "s")}, "duration_ms": 5},
        ],
    }
    with open(out, "w") as f:
        json.dump(trace, f)


main()

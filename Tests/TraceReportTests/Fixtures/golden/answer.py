#!/usr/bin/env python3
"""A stand-in for the user's system in `rerun --golden` tests: answers the golden query named by
GOLDEN_QUERY_ID with a copy of its baseline row (new trace_id, the question from TRACE_QUESTION).
gq-republish answers with the compose prompt republished in place (same asset id, v3); gq-empty with
every stage input recorded empty. No golden_query_id is printed: tracereport adds it."""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
query = os.environ["GOLDEN_QUERY_ID"]
rows = [json.loads(line) for line in open(os.path.join(here, "traces.jsonl"))]
row = next(r for r in rows if r["trace_id"] == "b-" + query[3:])
row["trace_id"] = "new-" + query[3:]
row["question"] = os.environ["TRACE_QUESTION"]
row["created_at"] = "2026-03-05T09:00:00+00:00"
if query == "gq-republish":
    next(s for s in row["stage_inputs"] if s["stage"] == "compose")["applied_assets"]["prompt"] = "ci_compose_prompt (v3)"
    row["applied_assets"]["prompt"]["version"] = 3
if query == "gq-empty":
    for s in row["stage_inputs"]:
        s["applied_assets"] = {}
json.dump(row, sys.stdout)

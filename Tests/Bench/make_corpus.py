#!/usr/bin/env python3
"""Writes a deterministic synthetic corpus of N inspector traces for the benchmark:
both global asset shapes, fallbacks, overrides, null sources, Korean and English
questions, legacy (empty stage inputs) and scoped traces, and a few large traces.
JSONL files of 1,000 traces each.

usage: make_corpus.py N OUT_DIR
"""
import json, os, random, sys

STAGES = ["route_plan", "validate", "execute", "compose", "present"]
ROUTES = {"direct": ["route_plan", "execute", "compose", "present"], "plan": STAGES, "reject": ["route_plan", "present"]}
QUESTIONS_EN = ["Show CPU usage of {svc} over the last hour", "Which services depend on {svc}?", "What changed in {svc} last week?",
                "Why did latency of {svc} spike at 14:00?", "Is {svc} healthy right now?", "List deployments of {svc} this month"]
QUESTIONS_KO = ["{svc}의 현재 상태는 어떤가요?", "지난 24시간 동안 {svc}의 메모리 사용량을 보여주세요", "{svc}가 호출하는 외부 API는 무엇인가요?"]
SERVICES = ["api-gateway", "order-db", "payments", "checkout", "search", "inventory", "billing", "user-db"]


def info(rng, name, kind, fallback=False, null_source=False):
    d = {"asset_id": f"{kind[:3]}-{rng.randrange(1000)}", "name": name, "version": rng.choice([1, 2, 3, "2025.03", None])}
    d["source"] = None if null_source else ("builtin_fallback" if fallback else "asset_registry")
    return d


def display(i, plain=False):
    name = i.get("name") or i.get("screen_id") or "unknown"
    if not plain and "source" in i and i["source"] != "asset_registry":
        return f"{name} (fallback)"
    return f"{name} (v{i['version']})" if i.get("version") is not None else name


def trace(n, rng):
    route = rng.choice(["direct", "plan", "plan", "reject"])
    legacy = rng.random() < 0.3
    newer = rng.random() < 0.5
    svc = rng.choice(SERVICES)
    question = rng.choice(QUESTIONS_KO if rng.random() < 0.3 else QUESTIONS_EN).format(svc=svc)
    fallback = rng.random() < 0.1
    prompt = info(rng, rng.choice(["ci_compose_prompt", "ci_planner_prompt"]), "prompt")
    mapping = info(rng, "metric_alias", "mapping", fallback=fallback)
    source = info(rng, "prometheus_main", "source", null_source=rng.random() < 0.02)
    queries = [info(rng, f"q_{svc}_{k}", "query") for k in range(rng.randrange(1, 4))]
    screens = [{"asset_id": f"s-{k}", "screen_id": f"screen_{k}", "version": 1, "source": "asset_registry"} for k in range(rng.randrange(0, 3))]
    overrides = {f"prompt:{prompt['name']}": f"{prompt['name']} (v9-canary)"} if rng.random() < 0.1 else {}
    glob = {"prompt": prompt, "policy": info(rng, "ci_view_policy", "policy"), "mapping": mapping, "source": source, "resolver": info(rng, "ci_name_resolver", "resolver")}
    if newer:
        glob.update({"catalog": info(rng, "ops_catalog", "catalog"), "prompts": [prompt], "policies": [], "mappings": [mapping], "tools": [info(rng, "promql_runner", "tool")]})
    else:
        glob.update({"schema": info(rng, "ci_graph_schema", "schema"), "queries": queries, "screens": screens})
    per_stage = {
        "route_plan": {"prompt": overrides.get(f"prompt:{prompt['name']}", display(prompt)), "resolver": display(glob["resolver"])},
        "validate": {"policy": display(glob["policy"]), "mapping": display(mapping)},
        "execute": {"source": display(source), **{f"query:{q['name']}": display(q, True) for q in queries}},
        "compose": {"prompt": overrides.get(f"prompt:{prompt['name']}", display(prompt))},
        "present": {f"screen:{s['screen_id']}": display(s, True) for s in screens},
    }
    big = n % 997 == 0  # a few large traces: many rows in params
    stages = ROUTES[route]
    inputs, outputs = [], []
    for k, st in enumerate(stages):
        params = {"route": route, "stage_index": k, "question": question}
        if big and st == "execute":
            params["rows"] = [{"id": r, "value": r * 7 % 1000} for r in range(2000)]
        inputs.append({"stage": st, "applied_assets": {} if legacy else per_stage[st], "params": params, "prev_output": None, "trace_id": f"t{n:07d}"})
        status = "warning" if fallback and st in ("validate", "execute") else "ok"
        outputs.append({"stage": st, "result": {"ok": True}, "duration_ms": 20 + (n * 31 + k * 17) % 800,
                        "diagnostics": {"status": status, "warnings": ["mapping from builtin_fallback"] if status == "warning" else [], "errors": [],
                                        "counts": {"rows": (n + k) % 300}}, "references": [{"kind": "query", "name": q["name"]} for q in queries] if st == "execute" else []})
    return {"trace_id": f"t{n:07d}", "parent_trace_id": None, "feature": "ops_assistant", "endpoint": "/ops/ask", "method": "POST", "ops_mode": "real",
            "question": question, "status": "rejected" if route == "reject" else "success", "duration_ms": sum(o["duration_ms"] for o in outputs),
            "request_payload": {"question": question, "asset_overrides": overrides, "expected_assets": ["prompt", "policy"]},
            "applied_assets": glob, "asset_versions": [], "fallbacks": {"mapping": fallback}, "route": route,
            "stage_inputs": inputs, "stage_outputs": outputs, "replan_events": [], "created_at": f"2026-11-{1 + n % 28:02d}T{n % 24:02d}:00:00Z"}


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261125)
    for start in range(0, n, 1000):
        with open(os.path.join(out, f"traces-{start // 1000:04d}.jsonl"), "w") as f:
            for i in range(start, min(n, start + 1000)):
                f.write(json.dumps(trace(i, rng), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

/// `check --format json`: the whole check as one JSON document, for scripts and dashboards.
///
///     {"allowed": 0, "exit_status": 3, "fail_on": [...], "failing": 20, "findings": [{"allowed": false,
///      "allowed_reason": null, "failing": true, "kind": "stage-assets-missing", "message": "…",
///      "severity": "error", "source": "runs/legacy/legacy-q01.json", "stage": null, "trace_id": "legacy-q01"}],
///      "format": "tracereport-check-1", "input_errors": [{"path": null, "reason": "…", "source": "…"}], "traces": 20}
///
/// Keys sorted, compact; `source`, `trace_id` and `stage` are null where the text format prints `-`.
enum CheckJSONReport {
    static let format = "tracereport-check-1"

    static func render(_ result: CheckResult, failOn: Set<FindingKind>) -> String {
        var w = JSONTextWriter()
        w.object { w in
            w.key("allowed")
            w.int(result.allowed)
            w.key("exit_status")
            w.int(Int(result.exitStatus))
            w.key("fail_on")
            w.array { w in for kind in failOn.map(\.rawValue).sorted() { w.string(kind) } }
            w.key("failing")
            w.int(result.failing)
            w.key("findings")
            w.array { w in
                for entry in result.entries {
                    w.object { w in
                        w.key("allowed")
                        w.bool(entry.allowedBy != nil)
                        w.key("allowed_reason")
                        w.string(entry.allowedBy)
                        w.key("failing")
                        w.bool(entry.failing)
                        w.key("kind")
                        w.string(entry.kind)
                        w.key("message")
                        w.string(entry.message)
                        w.key("severity")
                        w.string(entry.severity.rawValue)
                        w.key("source")
                        w.string(entry.source)
                        w.key("stage")
                        w.string(entry.stage)
                        w.key("trace_id")
                        w.string(entry.traceID)
                    }
                }
            }
            w.key("format")
            w.string(format)
            w.key("input_errors")
            w.array { w in
                for error in result.errors {
                    w.object { w in
                        w.key("path")
                        w.string(error.path?.description)
                        w.key("reason")
                        w.string(error.reason)
                        w.key("source")
                        w.string(error.source)
                    }
                }
            }
            w.key("traces")
            w.int(result.traces)
        }
        return w.text + "\n"
    }
}

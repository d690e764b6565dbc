/// One golden query with its runs, each judged again on the stored rows and set beside
/// the per-stage asset changes its judge never sees.
public struct GoldenQueryReport: Sendable {
    /// One run of the query.
    public struct Run: Sendable {
        public var run: GoldenTables.Run
        public var baseline: GoldenTrace?
        public var candidate: GoldenTrace?
        /// The judge's rules on the two stored rows; nil when one of them is not stored.
        public var recomputed: RegressionJudge.Verdict?
        /// The stages of the candidate against the baseline's; nil when one of them is not stored.
        public var stageChanges: TraceComparison?
        /// Why this run is a blind spot: it passed (or warned) while the stages changed. Nil when it is none.
        public var blindSpot: String?

        /// The judgment that stands: recomputed, else recorded.
        public var judgment: String { recomputed?.judgment.rawValue ?? run.judgment }

        /// The recorded judgment differs from the recomputed one (a run tracereport made records none).
        public var recordedDiffers: Bool {
            guard let recomputed, !run.judgment.isEmpty else { return false }
            return recomputed.judgment.rawValue != run.judgment
        }
    }

    public var query: GoldenTables.Query
    /// The query's latest baseline row.
    public var baseline: GoldenTables.Baseline?
    /// Oldest first.
    public var runs: [Run]
    /// Findings on the latest run.
    public var findings: [Finding]
}

/// Builds the golden reports from the tables and the traces their runs name.
public enum GoldenAnalysis {
    /// The runs `tracereport rerun --golden` made: each trace that answered a golden query, judged against
    /// the query's latest baseline (`triggered_by: tracereport`, no recorded judgment).
    public static func newRuns(_ tables: GoldenTables, traces: [String: GoldenTrace]) -> [GoldenTables.Run] {
        let baselines = Dictionary(grouping: tables.baselines, by: \.goldenQueryID).compactMapValues { rows in
            rows.max { earlier($0.createdAt, $0.id, $1.createdAt, $1.id) }
        }
        return traces.values.sorted { $0.traceID < $1.traceID }.compactMap { trace in
            guard let query = trace.goldenQueryID, let baseline = baselines[query] else { return nil }
            return GoldenTables.Run(
                id: "tracereport:" + trace.traceID, goldenQueryID: query, baselineID: baseline.id,
                candidateTraceID: trace.traceID, baselineTraceID: baseline.baselineTraceID, judgment: "",
                verdictReason: nil, diffSummary: .null, triggeredBy: "tracereport", executionDurationMS: nil,
                createdAt: trace.createdAt)
        }
    }

    /// Every golden query, by name then id, with its runs oldest first.
    public static func reports(_ tables: GoldenTables, traces: [String: GoldenTrace]) -> [GoldenQueryReport] {
        let runsByQuery = Dictionary(grouping: tables.runs, by: \.goldenQueryID)
        let baselinesByQuery = Dictionary(grouping: tables.baselines, by: \.goldenQueryID)
        return tables.queries.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map { query in
            let runs = (runsByQuery[query.id] ?? []).sorted(by: earlier).map { run($0, traces: traces) }
            let baseline = (baselinesByQuery[query.id] ?? []).max { earlier($0.createdAt, $0.id, $1.createdAt, $1.id) }
            var report = GoldenQueryReport(query: query, baseline: baseline, runs: runs, findings: [])
            report.findings = findings(report)
            return report
        }
    }

    static func earlier(_ a: GoldenTables.Run, _ b: GoldenTables.Run) -> Bool {
        earlier(a.createdAt, a.id, b.createdAt, b.id)
    }

    /// By `created_at` (as a time when readable), then by id.
    static func earlier(_ t1: String?, _ id1: String, _ t2: String?, _ id2: String) -> Bool {
        let (a, b) = (TraceTime.seconds(t1) ?? -.infinity, TraceTime.seconds(t2) ?? -.infinity)
        return a != b ? a < b : id1 < id2
    }

    /// One run judged again, its stages compared.
    static func run(_ run: GoldenTables.Run, traces: [String: GoldenTrace]) -> GoldenQueryReport.Run {
        let baseline = traces[run.baselineTraceID]
        let candidate = traces[run.candidateTraceID]
        var report = GoldenQueryReport.Run(run: run, baseline: baseline, candidate: candidate)
        if let baseline, let candidate {
            report.recomputed = RegressionJudge.judge(baseline: baseline.judge, candidate: candidate.judge)
            let changes = BaselineComparer.compare(baseline: baseline.stages, current: candidate.stages.stages)
            report.stageChanges = changes
            if report.judgment == "PASS" || report.judgment == "WARN" {
                let seen = unseenChanges(changes)
                if !seen.isEmpty {
                    report.blindSpot =
                        "\(report.judgment) (\(report.recomputed!.reason)) while the stages changed: "
                        + seen.prefix(3).joined(separator: "; ")
                        + (seen.count > 3 ? "; and \(seen.count - 3) more" : "")
                }
            }
        }
        return report
    }

    /// The stage changes a judge blind to stage assets passes: an asset removed or at another version,
    /// a stage that lost its coverage.
    static func unseenChanges(_ comparison: TraceComparison) -> [String] {
        var out: [String] = []
        for stage in comparison.stages {
            if let before = stage.before, before.coverage == .captured, stage.after?.coverage != .captured {
                out.append("\(stage.stage) lost its assets (captured → \(stage.after?.coverage.rawValue ?? "not run"))")
                continue
            }
            for change in stage.assets {
                switch change.change {
                case .removed:
                    out.append("\(stage.stage): \(change.key) \(change.before?.display ?? "") removed")
                case .changed:
                    out.append(
                        "\(stage.stage): \(change.key) \(change.before?.display ?? "") → \(change.after?.display ?? "")"
                    )
                case .added, .unchanged: continue
                }
            }
        }
        return out
    }

    /// The findings on a query's latest run.
    static func findings(_ report: GoldenQueryReport) -> [Finding] {
        guard let latest = report.runs.last else { return [] }
        let name = "golden query \(report.query.name.isEmpty ? report.query.id : report.query.name)"
        var findings: [Finding] = []
        if latest.recomputed == nil {
            let missing =
                latest.candidate == nil
                ? "candidate \(latest.run.candidateTraceID)" : "baseline \(latest.run.baselineTraceID)"
            findings.append(
                Finding(
                    kind: .regressionUnverifiable,
                    message:
                        "\(name): the \(missing) trace is not stored in tb_execution_trace, so run \(latest.run.id) cannot be judged again: its recorded \(latest.run.judgment) stands unverified"
                ))
        }
        let reason = latest.recomputed?.reason ?? latest.run.verdictReason ?? ""
        let how = latest.recomputed == nil ? "recorded" : "recomputed"
        switch latest.judgment {
        case "FAIL": findings.append(Finding(kind: .regressionFail, message: "\(name): FAIL (\(how)): \(reason)"))
        case "WARN": findings.append(Finding(kind: .regressionWarn, message: "\(name): WARN (\(how)): \(reason)"))
        default: break
        }
        if let blindSpot = latest.blindSpot {
            findings.append(Finding(kind: .judgmentBlindSpot, message: "\(name): \(blindSpot)"))
        }
        if latest.recordedDiffers, let recomputed = latest.recomputed {
            findings.append(
                Finding(
                    kind: .recordedJudgmentDiffers,
                    message:
                        "\(name): run \(latest.run.id) recorded \(latest.run.judgment) (\(latest.run.verdictReason ?? "no reason")), but the stored rows give \(recomputed.judgment.rawValue) (\(recomputed.reason))"
                ))
        }
        return findings
    }
}

/// `tracereport check`: every finding as one line, and the exit status a CI
/// gate needs — 3 when a finding of a failing kind exists, else 1 when some
/// input could not be read, else 0.
public struct TraceCheck: Sendable {
    /// One finding as every format of `check` reports it.
    public typealias Entry = CheckResult.Entry
    /// A trace that was checked, in input order.
    public typealias Checked = CheckResult.Checked
    /// What a check found.
    public typealias Result = CheckResult

    /// The kinds that fail the check.
    public let failOn: Set<FindingKind>

    /// Reads the inputs.
    public let loader: TraceLoader
    /// The registry snapshot `asset-stale` compares with.
    public var registry: AssetRegistry?
    /// Exceptions that never fail the check.
    public var allow: AllowList?

    /// Creates a check failing on `failOn` (by default `stage-assets-missing` and `asset-unattributed`).
    public init(
        failOn: Set<FindingKind> = Set(FindingKind.defaultFailOn), loader: TraceLoader = TraceLoader(),
        registry: AssetRegistry? = nil, allow: AllowList? = nil
    ) {
        self.failOn = failOn
        self.loader = loader
        self.registry = registry
        self.allow = allow
    }

    /// Checks every trace of the inputs (against its baseline trace, when `baseline`
    /// is given); `line` receives each finding's line as it is found.
    public func run(_ inputs: [TraceInput], baseline: [TraceInput] = [], line: (String) -> Void = { _ in }) -> Result {
        var result = Result()
        var index = BaselineIndex()
        do { (index, result.errors) = try BaselineLoader.load(baseline, loader: loader) } catch {
            result.errors.append(Self.inputError(error, baseline: true))
            return result
        }
        let read = GoldenInputs.load(inputs)
        let golden = read.tables
        result.errors += read.errors
        var goldenTraces: [String: GoldenTrace] = [:]
        do {
            try check(
                inputs, index: index, goldenIDs: golden?.traceIDs ?? [], into: &result, golden: &goldenTraces,
                line: line)
            for note in read.notes { loader.notes(note) }
        } catch {
            result.errors.append(Self.inputError(error, baseline: false))
        }
        for finding in BatchFindings.findings(result.catalog, registry: registry) {
            report(finding, BatchFindings.line(finding), source: nil, traceID: nil, into: &result, line: line)
        }
        for query in golden.map({ GoldenAnalysis.reports($0, traces: goldenTraces) }) ?? [] {
            result.golden.append(.init(id: query.query.id, name: query.query.name))
            let source = "golden:" + query.query.id
            let traceID = query.runs.last?.run.candidateTraceID
            for finding in query.findings {
                report(
                    finding, Self.line(finding, source: source, traceID: traceID ?? "-"), source: source, traceID: nil,
                    golden: result.golden.count - 1, into: &result,
                    line: line)
            }
        }
        for entry in allow?.entries ?? [] where !result.usedAllowLines.contains(entry.line) {
            let source = "\(allow!.file):\(entry.line)"
            let message = "\(entry.text) matches no finding: remove it, or fix its pattern"
            let text = "\(source): -: -: warning allow-unused: \(OneLine.escaped(message))"
            result.entries.append(
                Entry(
                    source: source, traceID: nil, stage: nil, kind: "allow-unused", severity: .warning,
                    message: message, allowedBy: nil, failing: false, line: text))
            line(text)
        }
        return result
    }

    /// Prints one finding, marked when the allow list allows it, and counts it as failing unless allowed.
    private func report(
        _ finding: Finding, _ text: String, source: String?, traceID: String?, golden: Int? = nil,
        into result: inout Result, line: (String) -> Void
    ) {
        var text = text
        var allowedBy: String?
        var failing = false
        if let entry = allow?.entry(allowing: finding) {
            result.usedAllowLines.insert(entry.line)
            result.allowed += 1
            allowedBy = entry.reason ?? entry.text
            text += " (allowed: \(OneLine.escaped(allowedBy!)))"
        } else if failOn.contains(finding.kind) {
            result.failing += 1
            failing = true
        }
        result.entries.append(
            Entry(
                source: source, traceID: traceID, stage: finding.stage, kind: finding.kind.rawValue,
                severity: finding.severity, message: finding.message,
                allowedBy: allowedBy, failing: failing, line: text,
                trace: traceID == nil ? nil : result.checked.count - 1, golden: golden))
        line(text)
    }

    /// A database that could not be read, as the input error `check` lists (and exits 1 for).
    static func inputError(_ error: any Error, baseline: Bool) -> InputError {
        let prefix = baseline ? "(baseline) " : ""
        if let error = error as? DatabaseError { return InputError(source: error.url, reason: prefix + error.reason) }
        return InputError(source: "-", reason: prefix + error.localizedDescription)
    }

    private func check(
        _ inputs: [TraceInput], index: BaselineIndex, goldenIDs: Set<String>, into result: inout Result,
        golden: inout [String: GoldenTrace], line: (String) -> Void
    ) throws {
        var index = index
        try loader.load(inputs) { item in
            switch item {
            case .failure(let error): result.errors.append(error)
            case .trace(let loaded):
                result.traces += 1
                result.checked.append(Checked(source: loaded.source, traceID: loaded.trace.traceID))
                let (analysis, position) = index.analyse(loaded)
                if let position { index.markPaired(position) }
                result.catalog.add(TraceDigest(analysis))
                if goldenIDs.contains(loaded.trace.traceID), golden[loaded.trace.traceID] == nil {
                    golden[loaded.trace.traceID] = GoldenTrace(analysis)
                }
                for finding in analysis.findings {
                    report(
                        finding, Self.line(finding, trace: loaded), source: loaded.source,
                        traceID: loaded.trace.traceID, into: &result, line: line)
                }
            }
        }
    }

    /// `<source>: <trace_id>: <stage or ->: <severity> <kind>: <message>`, on one line whatever the trace holds.
    static func line(_ finding: Finding, trace: LoadedTrace) -> String {
        line(finding, source: trace.source, traceID: trace.trace.traceID)
    }

    /// The same line for a finding of something other than a read trace (a golden query's latest run).
    static func line(_ finding: Finding, source: String, traceID: String) -> String {
        let parts = [
            source, traceID, finding.stage ?? "-",
            "\(finding.severity.rawValue) \(finding.kind.rawValue)", finding.message,
        ]
        return parts.map(OneLine.escaped).joined(separator: ": ")
    }
}

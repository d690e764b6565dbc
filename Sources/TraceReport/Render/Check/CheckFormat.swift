/// How `tracereport check` prints its findings: the places a CI run is read.
public enum CheckFormat: String, Sendable, CaseIterable {
    /// One line per finding (`<source>: <trace_id>: <stage>: <severity> <kind>: <message>`), as found.
    case text
    /// GitHub Actions workflow commands: an annotation per finding and a summary line.
    case github
    /// A JUnit XML report: a test suite per input source, a test case per trace.
    case junit
    /// One JSON document (`tracereport-check-1`).
    case json

    /// The whole report of a finished check (for `text`, the lines at once).
    public func render(_ result: CheckResult, failOn: Set<FindingKind>) -> String {
        switch self {
        case .text: result.lines.map { $0 + "\n" }.joined()
        case .github: GitHubAnnotations.render(result, failOn: failOn)
        case .junit: JUnitReport.render(result)
        case .json: CheckJSONReport.render(result, failOn: failOn)
        }
    }
}

extension CheckResult {
    /// `checked 20 traces: 104 findings, 20 failing`, the line every format ends with.
    public func summaryLine(failOn: Set<FindingKind>) -> String {
        "checked \(traces) traces: \(entries.count) findings, \(failing) failing (\(failOn.map(\.rawValue).sorted().joined(separator: ",")))"
            + (allowed > 0 ? ", \(allowed) allowed" : "") + (errors.isEmpty ? "" : ", \(errors.count) input errors")
    }
}

/// `check --format junit`: the JUnit XML that Jenkins, GitLab and Azure DevOps show as test
/// results. A `<testsuite>` per input source (a file; `db` for database rows), a `<testcase>`
/// per trace with a `<failure>` per failing finding; the other findings go to the case's
/// `<system-out>`. Batch findings and allow-list lines are the `tracereport batch` suite,
/// unreadable inputs `<error>` cases of their source, golden queries a case each in the `golden queries`
/// suite (their latest run's findings). Nothing is ever `<skipped>`.
enum JUnitReport {
    /// The suite an entry's source belongs to: a JSONL file without its `:<line>`, `db` for rows.
    static func suite(of source: String) -> String {
        if source.hasPrefix("db:") { return "db" }
        if let colon = source.lastIndex(of: ":") {
            let line = source[source.index(after: colon)...]
            if !line.isEmpty && line.allSatisfy({ $0.isASCII && $0.isNumber }) { return String(source[..<colon]) }
        }
        return source
    }

    private struct Case {
        var name: String
        var failures: [CheckResult.Entry] = []
        var others: [CheckResult.Entry] = []
        var errors: [InputError] = []
    }

    static func render(_ result: CheckResult) -> String {
        var suites: [(name: String, cases: [Case])] = []
        var position: [String: Int] = [:]
        func add(_ item: Case, to suite: String) {
            if let at = position[suite] {
                suites[at].cases.append(item)
            } else {
                position[suite] = suites.count
                suites.append((suite, [item]))
            }
        }
        var cases = result.checked.map { Case(name: $0.traceID) }
        var batch = Case(name: "batch findings")
        var golden = result.golden.map { Case(name: $0.name.isEmpty ? $0.id : $0.name) }
        for entry in result.entries {
            if let query = entry.golden {
                if entry.failing { golden[query].failures.append(entry) } else { golden[query].others.append(entry) }
            } else if let trace = entry.trace {
                if entry.failing { cases[trace].failures.append(entry) } else { cases[trace].others.append(entry) }
            } else if entry.failing {
                batch.failures.append(entry)
            } else {
                batch.others.append(entry)
            }
        }
        for (checked, item) in zip(result.checked, cases) { add(item, to: suite(of: checked.source)) }
        for error in result.errors {
            add(Case(name: "input " + error.source, errors: [error]), to: suite(of: error.source))
        }
        for item in golden { add(item, to: "golden queries") }
        if !batch.failures.isEmpty || !batch.others.isEmpty { add(batch, to: "tracereport batch") }

        let failures = suites.reduce(0) { $0 + $1.cases.reduce(0) { $0 + $1.failures.count } }
        let errors = result.errors.count
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<testsuites name=\"tracereport check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\">\n"
        for suite in suites {
            let suiteFailures = suite.cases.reduce(0) { $0 + $1.failures.count }
            let suiteErrors = suite.cases.reduce(0) { $0 + $1.errors.count }
            out +=
                "  <testsuite name=\"\(attribute(suite.name))\" tests=\"\(suite.cases.count)\" failures=\"\(suiteFailures)\" errors=\"\(suiteErrors)\" skipped=\"0\">\n"
            for item in suite.cases {
                out += "    <testcase classname=\"\(attribute(suite.name))\" name=\"\(attribute(item.name))\""
                if item.failures.isEmpty && item.others.isEmpty && item.errors.isEmpty {
                    out += "/>\n"
                    continue
                }
                out += ">\n"
                for entry in item.failures {
                    let message = (entry.stage ?? "-") + ": " + entry.message
                    out +=
                        "      <failure type=\"\(attribute(entry.kind))\" message=\"\(attribute(message))\">\(XMLEscaper.escape(entry.line))</failure>\n"
                }
                for error in item.errors {
                    out +=
                        "      <error type=\"input-error\" message=\"\(attribute(error.message))\">\(XMLEscaper.escape(error.source + ": " + error.message))</error>\n"
                }
                if !item.others.isEmpty {
                    out +=
                        "      <system-out>" + XMLEscaper.escape(item.others.map { $0.line + "\n" }.joined())
                        + "</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private static func attribute(_ text: String) -> String { XMLEscaper.escape(text, attribute: true) }
}

/// `check --format github`: one workflow command per finding, which GitHub Actions shows as
/// an annotation on the run and its pull request, and a last line with the totals.
///
///     ::error title=stage-assets-missing::legacy-q01 -: global applied_assets hold 8 assets, …
///
/// Errors are `::error`, warnings `::warning`, infos and allowed findings `::notice`.
/// Values are escaped as GitHub's toolkit does (`%`, CR and LF in a message; `:` and `,`
/// too in a property), so a trace's text can never end a command or start another.
enum GitHubAnnotations {
    static func render(_ result: CheckResult, failOn: Set<FindingKind>) -> String {
        var out = ""
        for entry in result.entries {
            let level = entry.allowedBy != nil ? "notice" : command(entry.severity)
            var message = (entry.traceID ?? "-") + " " + (entry.stage ?? "-") + ": " + entry.message
            if let reason = entry.allowedBy { message += " (allowed: \(reason))" }
            if entry.traceID == nil, let source = entry.source { message = source + ": " + message }
            out += "::\(level) title=\(property(entry.kind))::\(data(message))\n"
        }
        for error in result.errors {
            out += "::error title=\(property("input-error"))::\(data(error.source + ": " + error.message))\n"
        }
        let level = result.exitStatus == 0 ? "notice" : "error"
        out += "::\(level) title=tracereport check::\(data(result.summaryLine(failOn: failOn)))\n"
        return out
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    /// A command's message: `%`, CR and LF escaped.
    static func data(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value (`title=`): also `:` and `,`, which end it.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

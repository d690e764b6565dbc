import Foundation

/// The time a build shows: `SOURCE_DATE_EPOCH` when set, so builds are reproducible; the build's own
/// clock otherwise. Only the site's front page shows it (and `history.jsonl` records it), so every other
/// page stays byte for byte what the last build wrote when its inputs did not change.
public enum BuildClock {
    /// The build's time as pages show it (`2026-11-25 14:00 UTC`) and as `history.jsonl` records it
    /// (`2026-11-25T14:00:00Z`): from `SOURCE_DATE_EPOCH`, or `now` when it is unset.
    public static func build(
        environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()
    ) throws(ReportError) -> (shown: String, recorded: String) {
        let seconds = try epoch(environment) ?? Int(now.timeIntervalSince1970)
        return (shown(seconds), recorded(seconds))
    }

    /// `2026-11-25 14:00 UTC` for the epoch in `SOURCE_DATE_EPOCH`; nil when unset (a review attachment from
    /// `render` shows a time only then, so the same trace attaches the same bytes).
    public static func generated(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ReportError) -> String?
    {
        try epoch(environment).map(shown)
    }

    /// The seconds in `SOURCE_DATE_EPOCH`, nil when unset; anything but a whole number is an error saying what to set.
    static func epoch(_ environment: [String: String]) throws(ReportError) -> Int? {
        guard let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty else { return nil }
        guard let seconds = Int(raw), seconds >= 0 else {
            throw ReportError(
                step: .render, path: "SOURCE_DATE_EPOCH",
                reason:
                    "is \"\(raw)\", not a whole number of seconds since 1970: unset it or set it to e.g. $(git log -1 --format=%ct)"
            )
        }
        return seconds
    }

    /// ISO 8601 in UTC (`2026-11-25T14:00:00Z`) by Foundation's format style, which needs no locale: a
    /// `DateFormatter` loaded ICU's locale and calendar data first, 3 ms of every build's start.
    private static func recorded(_ seconds: Int) -> String {
        Date.ISO8601FormatStyle(timeZone: .gmt).format(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// `2026-11-25 14:00 UTC`: the recorded form to the minute.
    private static func shown(_ seconds: Int) -> String {
        let iso = recorded(seconds)
        guard let t = iso.firstIndex(of: "T") else { return iso }
        return iso[..<t] + " " + iso[iso.index(after: t)...].prefix(5) + " UTC"
    }
}

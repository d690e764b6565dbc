import Foundation

/// The one time a report may show: `SOURCE_DATE_EPOCH`, so builds are reproducible.
public enum BuildClock {
    /// `2026-11-25 14:00 UTC` for the epoch in `SOURCE_DATE_EPOCH`; nil when unset.
    public static func generated(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ReportError) -> String? {
        guard let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty else { return nil }
        guard let seconds = Int(raw), seconds >= 0 else {
            throw ReportError(step: .render, path: "SOURCE_DATE_EPOCH", reason: "is \"\(raw)\", not a whole number of seconds since 1970: unset it or set it to e.g. $(git log -1 --format=%ct)")
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

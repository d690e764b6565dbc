/// How much a finding matters; `check` and the page order findings by it.
public enum Severity: String, Sendable, Equatable, Comparable, CaseIterable {
    case error, warning, info

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

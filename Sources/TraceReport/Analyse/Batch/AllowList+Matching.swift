/// Which finding an allow-list entry allows: the list is read in Load, matched here.
extension AllowList {
    /// The first entry that allows `finding` (same kind; the pattern, if any, matches its asset key).
    public func entry(allowing finding: Finding) -> Entry? {
        entries.first { entry in
            guard entry.kind == finding.kind else { return false }
            guard let pattern = entry.pattern else { return true }
            return Self.glob(pattern, matches: finding.asset ?? "")
        }
    }

    /// `*` matches any run of characters (colons included); everything else matches itself.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        let t = Array(text.unicodeScalars)
        var (pi, ti) = (0, 0)
        var star: Int? = nil
        var mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] != "*", p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if let s = star {
                pi = s + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

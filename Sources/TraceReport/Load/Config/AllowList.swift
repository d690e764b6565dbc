import Foundation

/// The exceptions `check --allow FILE` reads, one per line: `<kind>[:<key pattern>]` with `*`
/// globs and an optional `# reason`, e.g. `fallback:mapping:metric_alias  # builtin alias until v6 ships`.
/// A finding an entry matches is shown as allowed and never fails the check; an entry that
/// matches nothing is reported, so stale exceptions do not rot unseen.
public struct AllowList: Sendable {
    /// One exception.
    public struct Entry: Sendable, Equatable {
        /// The line it stands on, from 1.
        public var line: Int
        public var kind: FindingKind
        /// The asset key pattern; nil allows every finding of the kind.
        public var pattern: String?
        public var reason: String?
        /// The line as written, without its comment.
        public var text: String
    }

    /// The file, as messages name it.
    public var file: String
    public var entries: [Entry]

    /// Parses an allow list; an unknown kind or an empty pattern is an error naming the line.
    public init(text: String, file: String) throws(SpecError) {
        self.file = file
        entries = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            var reason: String?
            if let hash = line.firstIndex(of: "#") {
                let comment = line[line.index(after: hash)...].trimmingCharacters(in: .whitespaces)
                reason = comment.isEmpty ? nil : comment
                line = line[..<hash]
            }
            let spec = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if spec.isEmpty { continue }
            let (kindText, pattern) = AssetKey.split(spec)
            guard let kind = FindingKind(rawValue: kindText) else {
                throw SpecError(
                    file: "\(file):\(i + 1)", path: .root,
                    reason:
                        "unknown finding kind \(kindText): write <kind>[:<key pattern>], the kind one of \(FindingKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            if pattern?.isEmpty == true {
                throw SpecError(
                    file: "\(file):\(i + 1)", path: .root,
                    reason: "an empty key pattern after \(kindText): leave the colon out to allow every \(kindText)")
            }
            entries.append(Entry(line: i + 1, kind: kind, pattern: pattern, reason: reason, text: spec))
        }
    }

    /// Reads the allow list at `path`.
    public static func load(path: String) throws(SpecError) -> AllowList {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(file: path, path: .root, reason: "cannot read the allow list: check the path")
        }
        return try AllowList(text: String(decoding: data, as: UTF8.self), file: path)
    }
}

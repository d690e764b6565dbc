/// How long a `render` attachment may be, in the unit of the place it is pasted:
/// a GitHub review comment holds 65,536 characters, a job summary 1 MiB of UTF-8.
public enum AttachmentBudget: Sendable, Equatable {
    /// At most this many characters (Unicode scalars, as GitHub counts).
    case characters(Int)
    /// At most this many UTF-8 bytes.
    case bytes(Int)

    /// A review comment: 65,536 characters (the default).
    public static let comment = AttachmentBudget.characters(65_536)
    /// A job summary: 1 MiB.
    public static let summary = AttachmentBudget.bytes(1_048_576)
    /// Smaller budgets cannot hold a trace's summary and the cut note.
    public static let smallest = 1_000

    /// `comment`, `summary` or a number of characters (at least `smallest`); nil for anything else.
    public init?(argument: String) {
        switch argument {
        case "comment": self = .comment
        case "summary": self = .summary
        default:
            guard let n = Int(argument), n >= Self.smallest else { return nil }
            self = .characters(n)
        }
    }

    /// The length of `text` in this budget's unit.
    public func measure(_ text: String) -> Int {
        switch self {
        case .characters: text.unicodeScalars.count
        case .bytes: text.utf8.count
        }
    }

    public var limit: Int {
        switch self {
        case .characters(let n), .bytes(let n): n
        }
    }

    public func fits(_ text: String) -> Bool { measure(text) <= limit }

    /// In words, for the cut note: `a review comment (65536 characters)`.
    var description: String {
        switch self {
        case .comment: "a review comment (65536 characters)"
        case .summary: "a job summary (1048576 bytes)"
        case .characters(let n): "\(n) characters"
        case .bytes(let n): "\(n) bytes"
        }
    }

    /// The longest prefix of `text` within `limit` units, ending before the last line break in it.
    func prefix(_ text: String, limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let size: Int
            switch self {
            case .characters: size = 1
            case .bytes: size = UTF8.width(scalar)
            }
            if used + size > limit { break }
            used += size
            scalars.append(scalar)
        }
        if let lastNewline = scalars.lastIndex(of: "\n") { scalars = String.UnicodeScalarView(scalars[..<lastNewline]) }
        return String(scalars)
    }
}

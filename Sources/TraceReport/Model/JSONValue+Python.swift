/// The real system's judge is Python: these are Python's `==` and truthiness on decoded JSON,
/// so the judgment recomputed here is the one it makes.
extension JSONValue {
    /// `bool(value)`: null, false, 0, "", [] and {} are false.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty
        case .array(let a): !a.isEmpty
        case .object(let o): !o.isEmpty
        }
    }

    /// `len(value)` for the values that have one (0 otherwise, where Python would raise).
    public var pythonLength: Int {
        switch self {
        case .string(let s): s.unicodeScalars.count
        case .array(let a): a.count
        case .object(let o): o.count
        default: 0
        }
    }

    /// The value as a Python number (`True` is 1), nil when it is none.
    public var pythonNumber: Double? {
        switch self {
        case .bool(let b): b ? 1 : 0
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// Python's `==` on the decoded values: numbers compare by value across int, float and bool.
    public func pythonEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.pythonEquals($1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { value.pythonEquals($0) } ?? false }
        default:
            if let x = pythonNumber, let y = other.pythonNumber { return x == y }
            return self == other
        }
    }
}

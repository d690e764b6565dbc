/// An asset's `version` as recorded: the orchestrator writes ints, strings or
/// (rarely) other JSON scalars, and prints them with Python's `str()`.
public enum AssetVersion: Sendable, Equatable {
    case int(Int)
    case string(String)
    case double(Double)
    case bool(Bool)

    /// The version as Python's f-string `{version}` prints it.
    public var text: String {
        switch self {
        case .int(let v): return String(v)
        case .string(let v): return v
        case .bool(let v): return v ? "True" : "False"
        case .double(let v):
            if v.isFinite && v == v.rounded() && abs(v) < 1e16 { return String(Int(v)) + ".0" }
            return String(v)
        }
    }
}

extension AssetVersion {
    /// Python's `==` on two versions: numbers (booleans included) compare by value, so `2 == 2.0`.
    public func pythonEquals(_ other: AssetVersion) -> Bool {
        switch (numeric, other.numeric) {
        case (let a?, let b?): return a == b
        case (nil, nil): return self == other
        default: return false
        }
    }

    private var numeric: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v
        case .bool(let v): v ? 1 : 0
        case .string: nil
        }
    }
}

/// Reads typed fields out of a JSON object, naming the path of every wrong
/// value. `null` and a missing field both read as nil unless asked otherwise.
struct JSONObjectReader {
    let fields: [String: JSONValue]
    let path: JSONPath

    init(_ value: JSONValue, at path: JSONPath, what: String = "an object") throws(TraceFieldError) {
        guard case .object(let fields) = value else { throw .expected(what, found: value, at: path) }
        self.fields = fields
        self.path = path
    }

    func has(_ key: String) -> Bool { fields[key] != nil }

    /// The raw value, nil when missing or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let v = fields[key], v != .null else { return nil }
        return v
    }

    func string(_ key: String) throws(TraceFieldError) -> String? {
        guard let v = value(key) else { return nil }
        guard case .string(let s) = v else { throw .expected("a string", found: v, at: path.key(key)) }
        return s
    }

    /// A string, or a number or boolean printed as text (ids and timestamps are sometimes numbers).
    func text(_ key: String) throws(TraceFieldError) -> String? {
        guard let v = value(key) else { return nil }
        switch v {
        case .string(let s): return s
        case .int, .double, .bool: return v.compactJSON
        default: throw .expected("a string", found: v, at: path.key(key))
        }
    }

    func number(_ key: String) throws(TraceFieldError) -> Double? {
        guard let v = value(key) else { return nil }
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: throw .expected("a number", found: v, at: path.key(key))
        }
    }

    func object(_ key: String) throws(TraceFieldError) -> JSONObjectReader? {
        guard let v = value(key) else { return nil }
        return try JSONObjectReader(v, at: path.key(key))
    }

    func array(_ key: String) throws(TraceFieldError) -> [JSONValue]? {
        guard let v = value(key) else { return nil }
        guard case .array(let items) = v else { throw .expected("an array", found: v, at: path.key(key)) }
        return items
    }

    func strings(_ key: String) throws(TraceFieldError) -> [String]? {
        guard let items = try array(key) else { return nil }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else {
                throw .expected("a string", found: item, at: path.key(key).index(i))
            }
            out.append(s)
        }
        return out
    }

    /// Keys in a stable order, so output never depends on hash seeds.
    var sortedKeys: [String] { fields.keys.sorted() }
}

import Foundation

/// The wrong-typed fields met while decoding one trace, in the order they were read.
final class FieldIssueLog {
    private(set) var issues: [FieldIssue] = []

    func add(_ path: JSONPath, _ reason: String) {
        issues.append(FieldIssue(path: path.description, reason: reason))
    }

    func wrongType(_ expected: String, found value: JSONValue, at path: JSONPath, then outcome: String) {
        add(path, "expected \(expected), found \(value.typeDescription): \(outcome)")
    }
}

/// Reads the fields of one trace object without ever rejecting the trace: a
/// value of the wrong type is read as text where that keeps its meaning, else
/// ignored, and either way logged so the report can say so.
/// (`JSONObjectReader` stays strict for pipeline specs and manifests, which tracereport writes itself.)
struct TraceFieldReader {
    let fields: [String: JSONValue]
    let path: JSONPath
    let log: FieldIssueLog

    /// A reader for `value`, or nil (logged) when it is not an object.
    init?(_ value: JSONValue, at path: JSONPath, log: FieldIssueLog, what: String = "an object") {
        guard case .object(let fields) = value else {
            log.wrongType(what, found: value, at: path, then: "ignored")
            return nil
        }
        self.fields = fields
        self.path = path
        self.log = log
    }

    /// The raw value, nil when missing or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let v = fields[key], v != .null else { return nil }
        return v
    }

    /// A string; a number or boolean is read as its JSON text and logged.
    func string(_ key: String) -> String? {
        guard let v = value(key) else { return nil }
        return Self.text(v, at: path.key(key), log: log)
    }

    /// A number; a string holding one is read as it and logged, anything else is ignored and logged.
    func number(_ key: String) -> Double? {
        guard let v = value(key) else { return nil }
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s):
            if let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite {
                log.wrongType(
                    "a number", found: v, at: path.key(key), then: "read as \(s.trimmingCharacters(in: .whitespaces))")
                return d
            }
            fallthrough
        default:
            log.wrongType("a number", found: v, at: path.key(key), then: "ignored")
            return nil
        }
    }

    func object(_ key: String) -> TraceFieldReader? {
        guard let v = value(key) else { return nil }
        return TraceFieldReader(v, at: path.key(key), log: log)
    }

    func array(_ key: String) -> [JSONValue]? {
        guard let v = value(key) else { return nil }
        guard case .array(let items) = v else {
            log.wrongType("an array", found: v, at: path.key(key), then: "ignored")
            return nil
        }
        return items
    }

    /// An array of strings; scalar elements are read as text, others skipped, each logged.
    func strings(_ key: String) -> [String]? {
        guard let items = array(key) else { return nil }
        return items.enumerated().compactMap { i, item in Self.text(item, at: path.key(key).index(i), log: log) }
    }

    /// Keys in a stable order, so output never depends on hash seeds.
    var sortedKeys: [String] { fields.keys.sorted() }

    /// A value as text: a string as it is, another scalar as its JSON text (logged), a container ignored (logged).
    static func text(_ value: JSONValue, at path: JSONPath, log: FieldIssueLog) -> String? {
        switch value {
        case .string(let s): return s
        case .null: return nil
        case .int, .double, .bool:
            log.wrongType("a string", found: value, at: path, then: "read as \(value.compactJSON)")
            return value.compactJSON
        case .array, .object:
            log.wrongType("a string", found: value, at: path, then: "ignored")
            return nil
        }
    }
}
